// Why a save failed, in the writer's words, with what to do about it: the core's error
// code picks the advice (ui/src/ipc/errors.ts).

import { AppError } from "../../ipc";
import { t } from "../../i18n";

/** The sentence shown while saves keep failing with `error`. */
export function describeSaveProblem(error: unknown): string {
  const e = AppError.from(error);
  switch (e.code) {
    case "disk_full":
      return t("recovery.problemDiskFull");
    case "io":
      return t("recovery.problemNotWritable");
    case "corrupt_library":
      return t("recovery.problemDamaged");
    case "busy":
      return t("recovery.problemBusy");
    default:
      return t("recovery.problemOther", { message: e.message });
  }
}
