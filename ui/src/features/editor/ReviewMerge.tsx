// The "review merge" mark on an open entry: a merge kept both versions of a paragraph
// that was changed differently in two places (two devices, or two writers of this
// library). Compare shows the versions that met side by side; one click clears the mark.

import { useState } from "react";
import { useAppDispatch } from "../../app/state";
import { useReviewDone } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { MergeReviewDialog } from "../sync/MergeReviewDialog";

export function ReviewMerge({ entryId }: { entryId: number }) {
  const dispatch = useAppDispatch();
  const done = useReviewDone();
  const [comparing, setComparing] = useState(false);
  return (
    <div className="review-merge" role="status" data-testid="review-merge">
      <strong>{t("editor.reviewMerge")}</strong> <span>{t("editor.reviewMergeHint")}</span>{" "}
      <button type="button" data-testid="review-compare" onClick={() => setComparing(true)}>
        {t("sync.review.compare")}
      </button>{" "}
      <button type="button" onClick={() => dispatch({ type: "toggleHistory" })}>
        {t("editor.history")}
      </button>{" "}
      <button
        type="button"
        data-testid="review-done"
        disabled={done.isPending}
        onClick={() => done.mutate(entryId)}
      >
        {t("editor.reviewDone")}
      </button>
      <ErrorText error={done.error} />
      {comparing && <MergeReviewDialog entryId={entryId} onClose={() => setComparing(false)} />}
    </div>
  );
}
