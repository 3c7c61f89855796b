// The "review merge" mark on an open entry: a merge kept both versions of a paragraph
// that was changed differently in two places. One click clears it; History shows both
// originals.

import { useAppDispatch } from "../../app/state";
import { useReviewDone } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function ReviewMerge({ entryId }: { entryId: number }) {
  const dispatch = useAppDispatch();
  const done = useReviewDone();
  return (
    <div className="review-merge" role="status" data-testid="review-merge">
      <strong>{t("editor.reviewMerge")}</strong> <span>{t("editor.reviewMergeHint")}</span>{" "}
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
    </div>
  );
}
