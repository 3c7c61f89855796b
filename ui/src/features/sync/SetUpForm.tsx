// The account's first device: an optional passphrase for the other devices. The recovery
// key comes back in `setUp`'s data, which the account section shows once.

import { type FormEvent, useState } from "react";
import type { useSyncSetUp } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

const MIN_PASSPHRASE = 8;

export function SetUpForm({ setUp }: { setUp: ReturnType<typeof useSyncSetUp> }) {
  const [passphrase, setPassphrase] = useState("");
  const [again, setAgain] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (passphrase !== again) return setProblem(t("sync.passphraseMismatch"));
    if (passphrase.length > 0 && passphrase.length < MIN_PASSPHRASE) return setProblem(t("sync.passphraseShort"));
    setProblem(null);
    setUp.mutate(passphrase.length > 0 ? passphrase : null);
  };
  return (
    <form className="form" onSubmit={submit} data-testid="sync-set-up">
      <h4>{t("sync.setUpTitle")}</h4>
      <p className="hint">{t("sync.setUpHint")}</p>
      <label>
        {t("sync.passphrase")}
        <input
          type="password"
          autoComplete="new-password"
          value={passphrase}
          data-testid="sync-passphrase"
          onChange={(e) => setPassphrase(e.target.value)}
        />
      </label>
      <label>
        {t("sync.passphraseAgain")}
        <input
          type="password"
          autoComplete="new-password"
          value={again}
          data-testid="sync-passphrase-again"
          onChange={(e) => setAgain(e.target.value)}
        />
      </label>
      {problem && (
        <p role="alert" className="error-text">
          {problem}
        </p>
      )}
      <ErrorText error={setUp.error} />
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="sync-set-up-button" disabled={setUp.isPending}>
          {t("sync.setUp")}
        </button>
      </div>
    </form>
  );
}
