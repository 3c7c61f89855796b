// LLM endpoint profiles: the saved ones (test, remove), then a new one: a model on this
// computer (the first choice when nothing is set up and no server was found) or a server.

import { useState } from "react";
import { type ConnectionReport, type DetectedServer, useProfiles, useRemoveProfile, useTestProfile } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { LocalModelsPanel } from "../models/LocalModelsPanel";
import { ConnectionReportView } from "./ConnectionReportView";
import { ProfileForm } from "./ProfileForm";

export function ProfilesSection() {
  const profiles = useProfiles();
  const remove = useRemoveProfile();
  const test = useTestProfile();
  const [reports, setReports] = useState<Record<string, ConnectionReport>>({});
  const [preset, setPreset] = useState<DetectedServer | null>(null);
  const [mode, setMode] = useState<"local" | "server" | null>(null);
  const list = profiles.data?.profiles ?? [];
  const detected = profiles.data?.detected ?? [];
  const shown = mode ?? (list.length === 0 && detected.length === 0 ? "local" : "server");

  const runTest = (name: string) =>
    test.mutate(name, { onSuccess: (report) => setReports((r) => ({ ...r, [name]: report })) });

  return (
    <section aria-labelledby="profiles-title" data-testid="settings-profiles">
      <h3 id="profiles-title">{t("settings.profiles")}</h3>
      <ErrorText error={profiles.error ?? remove.error ?? test.error} />
      {profiles.isSuccess && list.length === 0 && <p className="hint">{t("settings.noProfiles")}</p>}
      <ul className="profile-list">
        {list.map((p) => (
          <li key={p.name} data-testid="profile-item" data-profile={p.name}>
            <div>
              <strong>{p.name}</strong> — {p.model}{" "}
              <span className="hint">{p.model_file === null ? p.base_url : t("settings.onThisComputer")}</span>
              {p.is_default && <span className="badge">{t("settings.defaultBadge")}</span>}
              {p.has_api_key && <span className="badge">{t("settings.keyStored")}</span>}
            </div>
            <div className="row-actions">
              <button
                type="button"
                data-testid="profile-test"
                disabled={test.isPending && test.variables === p.name}
                onClick={() => runTest(p.name)}
              >
                {test.isPending && test.variables === p.name ? t("settings.testing") : t("settings.testConnection")}
              </button>
              <button
                type="button"
                aria-label={t("settings.removeProfile", { name: p.name })}
                data-testid="profile-remove"
                onClick={() => remove.mutate(p.name)}
              >
                {t("app.remove")}
              </button>
            </div>
            {reports[p.name] && <ConnectionReportView report={reports[p.name]!} />}
          </li>
        ))}
      </ul>
      <fieldset className="segmented" data-testid="ai-mode">
        <legend>{t("settings.aiMode")}</legend>
        <label className="inline">
          <input type="radio" name="ai-mode" checked={shown === "local"} data-testid="ai-mode-local" onChange={() => setMode("local")} />
          {t("settings.aiModeLocal")}
        </label>
        <label className="inline">
          <input type="radio" name="ai-mode" checked={shown === "server"} data-testid="ai-mode-server" onChange={() => setMode("server")} />
          {t("settings.aiModeServer")}
        </label>
      </fieldset>
      {shown === "local" ? (
        <LocalModelsPanel />
      ) : (
        <>
          {detected.map((d) => (
            <p key={d.base_url} className="hint">
              {t("settings.detected", { name: d.name, url: d.base_url })}{" "}
              <button type="button" onClick={() => setPreset(d)}>
                {t("settings.useDetected")}
              </button>
            </p>
          ))}
          <ProfileForm key={preset?.base_url ?? "blank"} preset={preset} />
        </>
      )}
    </section>
  );
}
