import { useAppInfo } from "../ipc";
import { t } from "../i18n";
import { Dialog } from "../shared/Dialog";
import { useAppDispatch } from "./state";

export function AboutDialog() {
  const dispatch = useAppDispatch();
  const info = useAppInfo();
  return (
    <Dialog title={t("app.aboutTitle")} onClose={() => dispatch({ type: "closeDialog" })} testId="about-dialog">
      <p>{t("app.aboutBody", { version: info.data?.version ?? "" })}</p>
    </Dialog>
  );
}
