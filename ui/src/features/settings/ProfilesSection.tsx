// LLM endpoint profiles: the saved ones (test, remove), local servers found, and the form.

import { useState } from "react";
import { type ConnectionReport, type DetectedServer, useProfiles, useRemoveProfile, useTestProfile } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { ConnectionReportView } from "./ConnectionReportView";
import { ProfileForm } from "./ProfileForm";

export function ProfilesSection() {
  const profiles = useProfiles();
  const remove = useRemoveProfile();
  const test = useTestProfile();
  const [reports, setReports] = useState<Record<string, ConnectionReport>>({});
  const [preset, setPreset] = useState<DetectedServer | null>(null);
  const list = profiles.data?.profiles ?? [];

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
              <strong>{p.name}</strong> — {p.model} <span className="hint">{p.base_url}</span>
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
      {(profiles.data?.detected ?? []).map((d) => (
        <p key={d.base_url} className="hint">
          {t("settings.detected", { name: d.name, url: d.base_url })}{" "}
          <button type="button" onClick={() => setPreset(d)}>
            {t("settings.useDetected")}
          </button>
        </p>
      ))}
      <ProfileForm key={preset?.base_url ?? "blank"} preset={preset} />
    </section>
  );
}
