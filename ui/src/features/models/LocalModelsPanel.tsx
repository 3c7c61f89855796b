// "On this computer": the recommended models (download with progress, cancel, resume,
// the free disk space first), the models already here, a GGUF file of the writer's own,
// and the one click that makes the crew use one. No server, nothing leaves the computer.

import { type CatalogOffer, type LocalModel, type ProfileInfo, chooseOpenPath, useAddModel, useLocalModels, useRefreshModels, useRemoveModel, useUseModel } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { formatBytes } from "../../shared/format";
import { type DownloadState, cancelDownload, startDownload, useDownloads } from "./downloads";

const GGUF_FILTER = [{ name: "GGUF model", extensions: ["gguf"] }];

export function LocalModelsPanel({ onReady }: { onReady?: (profile: ProfileInfo) => void }) {
  const overview = useLocalModels();
  const downloads = useDownloads();
  const refresh = useRefreshModels();
  const add = useAddModel();
  const remove = useRemoveModel();
  const useIt = useUseModel();
  const data = overview.data;
  const catalogFiles = new Set(data?.catalog.map((o) => o.file));
  const own = data?.models.filter((m) => !catalogFiles.has(m.name)) ?? [];

  // Awaited, not an onSuccess option: the new profile hides this panel where the wizard
  // shows it, and a callback given to mutate() is dropped once its component unmounts.
  const choose = async (name: string) => {
    const profile = await useIt.mutateAsync(name).catch(() => null);
    if (profile) onReady?.(profile);
  };
  const pickFile = async () => {
    const path = await chooseOpenPath({ directory: false, filters: GGUF_FILTER });
    if (path) add.mutate(path);
  };

  return (
    <div className="local-models" data-testid="local-models">
      <p className="hint">{t("models.intro")}</p>
      {data && (
        <p className="hint" data-testid="model-free-space">
          {data.free_bytes === null
            ? t("models.freeUnknown", { dir: data.dir })
            : t("models.free", { free: formatBytes(data.free_bytes), dir: data.dir })}
        </p>
      )}
      <ErrorText error={overview.error ?? add.error ?? remove.error ?? useIt.error} testId="model-error" />
      <ul className="model-list">
        {data?.catalog.map((o) => (
          <Offer
            key={o.id}
            offer={o}
            state={downloads[o.id]}
            model={data.models.find((m) => m.name === o.file)}
            busy={useIt.isPending}
            onDownload={() => void startDownload(o.id, o.bytes, () => void refresh())}
            onUse={() => void choose(o.id)}
          />
        ))}
        {own.map((m) => (
          <li key={m.name} data-testid="model-item" data-name={m.name}>
            <div>
              <strong>{m.name}</strong> <span className="hint">{formatBytes(m.bytes)}</span>
              {m.architecture && <span className="hint"> · {m.architecture}</span>}
              {m.linked && <span className="badge">{t("models.linked")}</span>}
            </div>
            {m.problem && <p className="error-text">{m.problem}</p>}
            <div className="row-actions">
              <UseButton model={m} busy={useIt.isPending} onUse={() => void choose(m.name)} />
              <button
                type="button"
                data-testid="model-remove"
                disabled={m.used_by.length > 0}
                title={m.used_by.length > 0 ? t("models.removeInUse") : undefined}
                onClick={() => remove.mutate(m.name)}
              >
                {t("app.remove")}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <div className="form-actions">
        <button type="button" data-testid="model-add-file" disabled={add.isPending} onClick={() => void pickFile()}>
          {add.isPending ? t("models.checking") : t("models.addFile")}
        </button>
      </div>
    </div>
  );
}

function UseButton({ model, busy, onUse }: { model: LocalModel | undefined; busy: boolean; onUse: () => void }) {
  if (model?.problem) return null;
  if (model && model.used_by.length > 0) {
    return (
      <span className="badge" data-testid="model-in-use">
        {t("models.inUse", { profile: model.used_by.join(", ") })}
      </span>
    );
  }
  return (
    <button type="button" className="primary" data-testid="model-use" disabled={busy} onClick={onUse}>
      {t("models.use")}
    </button>
  );
}

interface OfferProps {
  offer: CatalogOffer;
  state: DownloadState | undefined;
  model: LocalModel | undefined;
  busy: boolean;
  onDownload: () => void;
  onUse: () => void;
}

function Offer({ offer, state, model, busy, onDownload, onUse }: OfferProps) {
  const downloading = state?.phase === "downloading";
  const phase = offer.downloaded ? "downloaded" : downloading ? "downloading" : offer.partial_bytes > 0 ? "partial" : "offered";
  return (
    <li data-testid="model-offer" data-id={offer.id} data-state={phase}>
      <div>
        <strong>{offer.name}</strong>{" "}
        <span className="hint">
          {formatBytes(offer.bytes)} · {t("models.licence", { licence: offer.licence })}
        </span>
      </div>
      <p className="hint">{offer.note}</p>
      {downloading && (
        <div className="model-progress" role="status">
          <progress data-testid="model-progress" max={state.total} value={state.have} aria-label={t("models.downloading")} />
          <span data-testid="model-progress-text">
            {t("models.progress", { have: formatBytes(state.have), total: formatBytes(state.total) })}
          </span>
        </div>
      )}
      {state?.phase === "failed" && <ErrorText error={state.error} testId="model-download-error" />}
      {phase === "partial" && (
        <p className="hint" data-testid="model-partial">
          {t(state?.phase === "cancelled" ? "models.cancelled" : "models.partial", {
            have: formatBytes(offer.partial_bytes),
            total: formatBytes(offer.bytes),
          })}
        </p>
      )}
      {!offer.downloaded && !downloading && !offer.enough_room && (
        <p className="error-text" data-testid="model-no-room">
          {t("models.noRoom", { need: formatBytes(offer.bytes - offer.partial_bytes) })}
        </p>
      )}
      <div className="row-actions">
        {offer.downloaded && <UseButton model={model} busy={busy} onUse={onUse} />}
        {downloading && (
          <button type="button" data-testid="model-cancel" onClick={() => cancelDownload(offer.id)}>
            {t("app.cancel")}
          </button>
        )}
        {!offer.downloaded && !downloading && (
          <button
            type="button"
            className="primary"
            data-testid="model-download"
            disabled={!offer.enough_room}
            onClick={onDownload}
          >
            {offer.partial_bytes > 0 ? t("models.resume") : t("models.download", { size: formatBytes(offer.bytes) })}
          </button>
        )}
      </div>
    </li>
  );
}
