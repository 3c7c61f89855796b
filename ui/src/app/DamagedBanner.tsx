// The daily check found the library damaged: saves are refused until it is repaired.

import { t } from "../i18n";
import { useAppDispatch, useAppState } from "./state";

export function DamagedBanner() {
  const { damaged } = useAppState();
  const dispatch = useAppDispatch();
  if (!damaged) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="library-damaged">
      <span>{t("app.libraryDamaged", { reason: damaged })}</span>
      <button type="button" onClick={() => dispatch({ type: "damaged", reason: null })}>
        {t("app.dismiss")}
      </button>
    </div>
  );
}
