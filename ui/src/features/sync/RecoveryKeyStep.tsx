// The recovery key, shown once: copy it, print it, and say it is saved before going on.

import { useState } from "react";
import { t } from "../../i18n";

export function RecoveryKeyStep({ words, onDone }: { words: string; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard.writeText(words).then(() => setCopied(true));
  };
  const print = () => {
    // Only the words print (see the print rules for `printing-recovery`).
    document.body.classList.add("printing-recovery");
    try {
      window.print();
    } finally {
      document.body.classList.remove("printing-recovery");
    }
  };
  return (
    <div className="form recovery-key" data-testid="sync-recovery">
      <h4>{t("sync.recoveryTitle")}</h4>
      <p className="hint">{t("sync.recoveryHint")}</p>
      <ol className="recovery-words" data-testid="sync-recovery-words" aria-label={t("sync.recoveryTitle")}>
        {words.split(/\s+/).map((w, i) => (
          <li key={i}>{w}</li>
        ))}
      </ol>
      <div className="form-actions">
        <button type="button" data-testid="sync-recovery-copy" onClick={copy}>
          {copied ? t("sync.copied") : t("sync.copy")}
        </button>
        <button type="button" onClick={print}>
          {t("sync.print")}
        </button>
      </div>
      <label className="inline">
        <input type="checkbox" checked={saved} data-testid="sync-recovery-saved" onChange={(e) => setSaved(e.target.checked)} />
        {t("sync.saved")}
      </label>
      <div className="form-actions">
        <button type="button" className="primary" data-testid="sync-recovery-done" disabled={!saved} onClick={onDone}>
          {t("sync.continue")}
        </button>
      </div>
    </div>
  );
}
