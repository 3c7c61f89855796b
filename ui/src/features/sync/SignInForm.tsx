// The sign-in: the provider's page opens in the system browser; its redirect comes back to
// this running app on a loopback address.

import { type FormEvent, useState } from "react";
import { useSyncSignIn } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function SignInForm({ lastServer }: { lastServer: string | null }) {
  const [server, setServer] = useState(lastServer ?? "");
  const signIn = useSyncSignIn();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    signIn.mutate(server.trim());
  };
  return (
    <form className="form" onSubmit={submit}>
      <label>
        {t("sync.server")}
        <input
          type="url"
          required
          value={server}
          placeholder="https://"
          data-testid="sync-server"
          disabled={signIn.isPending}
          onChange={(e) => setServer(e.target.value)}
        />
      </label>
      <p className="hint">{t("sync.serverHint")}</p>
      {signIn.isPending && (
        <p role="status" data-testid="sync-signing-in">
          <strong>{t("sync.signingIn")}</strong> {t("sync.signingInHint")}
        </p>
      )}
      <ErrorText error={signIn.error} testId="sync-error" />
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="sync-sign-in" disabled={signIn.isPending}>
          {t("sync.signIn")}
        </button>
      </div>
    </form>
  );
}
