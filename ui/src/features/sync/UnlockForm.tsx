// Another device of the account: unlock with the passphrase or the recovery key. A wrong
// one is refused before anything is downloaded or written.

import { type FormEvent, useState } from "react";
import { type UnlockWith, useSyncUnlock } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function UnlockForm() {
  const [withSecret, setWith] = useState<UnlockWith>("passphrase");
  const [secret, setSecret] = useState("");
  const unlock = useSyncUnlock();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    unlock.mutate({ with: withSecret, secret }, { onSuccess: () => setSecret("") });
  };
  return (
    <form className="form" onSubmit={submit} data-testid="sync-unlock">
      <h4>{t("sync.unlockTitle")}</h4>
      <p className="hint">{t("sync.unlockHint")}</p>
      <fieldset>
        {(["passphrase", "recovery_key"] as const).map((w) => (
          <label key={w} className="inline">
            <input
              type="radio"
              name="unlock-with"
              value={w}
              checked={withSecret === w}
              data-testid={`sync-unlock-${w}`}
              onChange={() => setWith(w)}
            />
            {w === "passphrase" ? t("sync.usePassphrase") : t("sync.useRecoveryKey")}
          </label>
        ))}
      </fieldset>
      <label>
        {withSecret === "passphrase" ? t("sync.passphrase") : t("sync.recoveryKeyField")}
        {withSecret === "passphrase" ? (
          <input
            type="password"
            autoComplete="current-password"
            required
            value={secret}
            data-testid="sync-secret"
            onChange={(e) => setSecret(e.target.value)}
          />
        ) : (
          <textarea required rows={3} value={secret} data-testid="sync-secret" onChange={(e) => setSecret(e.target.value)} />
        )}
      </label>
      <ErrorText error={unlock.error} testId="sync-error" />
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="sync-unlock-button" disabled={unlock.isPending}>
          {t("sync.unlock")}
        </button>
      </div>
    </form>
  );
}
