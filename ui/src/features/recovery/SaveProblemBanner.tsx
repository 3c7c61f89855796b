// While saves keep failing: why, in words, and what to do; and whether a copy of the
// text is safe on disk. Shown above the editor until a save goes through.

import { AppError } from "../../ipc";
import { t } from "../../i18n";
import type { KeepState } from "./draftKeeper";
import { describeSaveProblem } from "./saveProblem";

export function SaveProblemBanner({ failure, kept }: { failure: unknown; kept: KeepState | null }) {
  if (!failure) return null;
  return (
    <div className="banner banner-error" role="alert" data-testid="save-problem" data-code={AppError.from(failure).code}>
      <span>
        {describeSaveProblem(failure)}{" "}
        {kept?.ok === true && t("recovery.keptAside")}
        {kept?.ok === false && t("recovery.notKept", { message: AppError.from(kept.error).message })}
      </span>
    </div>
  );
}
