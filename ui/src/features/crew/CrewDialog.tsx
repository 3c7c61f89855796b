// The crew dialog: the wizard until a run starts, then that run's progress. Closing it
// leaves the crew working; reopening shows where it got to.

import { useAppDispatch } from "../../app/state";
import { t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import { CrewProgressView } from "./CrewProgressView";
import { CrewWizard } from "./CrewWizard";
import { useCrewProgress } from "./runStore";

export function CrewDialog() {
  const dispatch = useAppDispatch();
  const progress = useCrewProgress();
  return (
    <Dialog title={t("crew.wizardTitle")} onClose={() => dispatch({ type: "closeDialog" })} testId="crew-dialog" wide>
      {progress.phase === "idle" ? <CrewWizard /> : <CrewProgressView progress={progress} />}
    </Dialog>
  );
}
