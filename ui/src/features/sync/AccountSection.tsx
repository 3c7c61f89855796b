// Settings -> Account: sign in to a sync server through the system browser, protect the
// account on its first device (passphrase, recovery key shown once) or unlock another
// device, then sync, sign out or delete the cloud copy.

import { useState } from "react";
import { useAccountHasKeys, useSyncSetUp, useSyncStatus } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { AccountPanel } from "./AccountPanel";
import { RecoveryKeyStep } from "./RecoveryKeyStep";
import { SetUpForm } from "./SetUpForm";
import { SignInForm } from "./SignInForm";
import { UnlockForm } from "./UnlockForm";

export function AccountSection() {
  const status = useSyncStatus();
  // Held here, not in the set-up form: the form goes as soon as the account is unlocked,
  // and the recovery key must stay until the writer says it is saved.
  const setUp = useSyncSetUp();
  const [saved, setSaved] = useState(false);
  const recovery = setUp.data && !saved ? setUp.data.recovery_key : null;
  const s = status.data;
  const signedIn = s?.signed_in === true;
  const hasKeys = useAccountHasKeys(signedIn && s?.unlocked === false && recovery === null);

  let body;
  if (recovery !== null) body = <RecoveryKeyStep words={recovery} onDone={() => setSaved(true)} />;
  else if (!s) body = <ErrorText error={status.error} />;
  else if (!signedIn) body = <SignInForm lastServer={s.server} />;
  else if (!s.unlocked) {
    if (hasKeys.data === false) body = <SetUpForm setUp={setUp} />;
    else if (hasKeys.data === true) body = <UnlockForm />;
    else body = <ErrorText error={hasKeys.error} />;
  } else body = <AccountPanel status={s} />;

  return (
    <section className="form" aria-labelledby="account-title" data-testid="settings-account">
      <h3 id="account-title">{t("sync.account")}</h3>
      <p className="hint">{t("sync.accountHint")}</p>
      {body}
    </section>
  );
}
