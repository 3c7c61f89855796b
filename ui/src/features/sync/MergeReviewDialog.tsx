// The versions a merge met, side by side, with the merged text: keep the merged text, keep
// one version, or close and edit. Paragraphs one version has and the other lacks are
// marked, so the difference shows at a glance.

import { useAppDispatch } from "../../app/state";
import { type MergeSide, useKeepVersion, useMergeReview, useReviewDone } from "../../ipc";
import { t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import { ErrorText } from "../../shared/ErrorText";

function paragraphs(body: string): string[] {
  return body.split(/\n{2,}/).filter((p) => p.trim() !== "");
}

function SideText({ text, other, testId }: { text: string; other: string; testId: string }) {
  const theirs = new Set(paragraphs(other).map((p) => p.trim()));
  return (
    <div className="merge-text" data-testid={testId}>
      {paragraphs(text).map((p, i) => (
        <p key={i} className={theirs.has(p.trim()) ? undefined : "differs"}>
          {p}
        </p>
      ))}
    </div>
  );
}

export function MergeReviewDialog({ entryId, onClose }: { entryId: number; onClose: () => void }) {
  const dispatch = useAppDispatch();
  const review = useMergeReview(entryId);
  const keep = useKeepVersion();
  const done = useReviewDone();
  const data = review.data;
  const finish = () => {
    dispatch({ type: "reloadEditor" });
    onClose();
  };
  const keepSide = (side: MergeSide) => {
    if (!data) return;
    keep.mutate({ id: entryId, title: side.title, body: side.body, base: data.entry.version }, { onSuccess: finish });
  };
  const sides = data?.sides ?? [];
  return (
    <Dialog title={t("sync.review.title")} onClose={onClose} testId="merge-review" wide>
      <p className="hint">{t("sync.review.hint")}</p>
      <ErrorText error={review.error ?? keep.error ?? done.error} />
      {data && sides.length < 2 && <p className="hint">{t("sync.review.noSides")}</p>}
      {sides.length === 2 && (
        <div className="merge-sides">
          {sides.map((side, i) => (
            <section key={i} className="merge-side" data-testid="merge-side" data-origin={side.origin}>
              <h4>{t(`sync.review.origin.${side.origin}`)}</h4>
              {side.title && <p className="merge-title">{side.title}</p>}
              <SideText text={side.body} other={sides[1 - i]!.body} testId={`merge-side-${i}`} />
              <button
                type="button"
                data-testid={`merge-keep-${i}`}
                disabled={keep.isPending}
                onClick={() => keepSide(side)}
              >
                {t("sync.review.keepThis")}
              </button>
            </section>
          ))}
        </div>
      )}
      {data && (
        <section className="merge-result">
          <h4>{t("sync.review.result")}</h4>
          <SideText text={data.entry.body} other={data.entry.body} testId="merge-result" />
        </section>
      )}
      <div className="form-actions">
        <button
          type="button"
          data-testid="merge-edit"
          onClick={() => {
            onClose();
            dispatch({ type: "openEntry", entryId, focus: true });
          }}
        >
          {t("sync.review.edit")}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="merge-keep-result"
          disabled={done.isPending || !data}
          onClick={() => done.mutate(entryId, { onSuccess: finish })}
        >
          {t("sync.review.keepResult")}
        </button>
      </div>
    </Dialog>
  );
}
