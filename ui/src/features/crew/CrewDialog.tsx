// The crew dialog: the wizard and the earlier runs until a run starts or resumes, then
// that run's progress. Closing it leaves the crew working; reopening shows where it got to.

import { useAppDispatch } from "../../app/state";
import { t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import { CrewProgressView } from "./CrewProgressView";
import { CrewRuns } from "./CrewRuns";
import { CrewWizard } from "./CrewWizard";
import { useCrewProgress } from "./runStore";

export function CrewDialog() {
  const dispatch = useAppDispatch();
  const progress = useCrewProgress();
  return (
    <Dialog title={t("crew.wizardTitle")} onClose={() => dispatch({ type: "closeDialog" })} testId="crew-dialog" wide>
      {progress.phase === "idle" ? (
        <>
          <CrewWizard />
          <CrewRuns />
        </>
      ) : (
        <CrewProgressView progress={progress} />
      )}
    </Dialog>
  );
}
