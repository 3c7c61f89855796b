// Starting with the writer's session: off until turned on here. The app then starts in the
// tray with its window closed, so the day's reminder comes without opening it first.

import { useAutostart, useSetAutostart } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function StartupSection() {
  const state = useAutostart();
  const set = useSetAutostart();
  return (
    <section className="form" aria-labelledby="startup-title" data-testid="settings-startup">
      <h3 id="startup-title">{t("startup.title")}</h3>
      <label className="inline">
        <input
          type="checkbox"
          data-testid="autostart-toggle"
          checked={state.data ?? false}
          disabled={state.data === undefined || set.isPending}
          onChange={(e) => set.mutate(e.target.checked)}
        />
        {t("startup.toggle")}
      </label>
      <p className="hint">{t("startup.hint")}</p>
      <ErrorText error={state.error ?? set.error} />
    </section>
  );
}
