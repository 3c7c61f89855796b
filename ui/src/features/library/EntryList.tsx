// The entries of the current view, virtualized so 10,000 rows cost what 20 do. A listbox:
// arrows move, Enter opens; in a guided book rows can be dragged (or moved with
// Alt+Arrow) to change the book order.

import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import { useAppDispatch, useAppState, type LibraryView } from "../../app/state";
import { type EntrySummary, type Journal, useEntries, useJournals, useMoveEntry } from "../../ipc";
import { formatDate, t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";
import { entryLabel, reorder, sortEntries } from "./order";
import { TrashedJournals } from "./TrashedJournals";
import { TrashJournalButton } from "./TrashJournalButton";
import { KeepHereToggle } from "../sync/KeepHereToggle";
import { DeleteForever } from "./DeleteForever";
import { useNewEntry } from "./useNewEntry";
import { filterFor } from "./viewFilter";

const ROW_HEIGHT = 56;

function viewTitle(view: LibraryView, journal: Journal | undefined): string {
  switch (view.kind) {
    case "journal":
      return journal?.title ?? "";
    case "starred":
      return t("library.starred");
    case "trash":
      return t("library.trash");
    case "tag":
      return `#${view.tag}`;
    case "calendar":
      return t("days.calendar");
  }
}

function Row({
  entry,
  active,
  open,
  draggable,
  dropHint,
}: {
  entry: EntrySummary;
  active: boolean;
  open: boolean;
  draggable: boolean;
  dropHint: "above" | "below" | null;
}) {
  const label = entryLabel(entry, t("app.untitled"));
  const when = entry.day !== null ? t("library.dayLabel", { day: entry.day }) : entry.date ? formatDate(entry.date) : "";
  return (
    <div
      className={`entry-row${active ? " active" : ""}${open ? " open" : ""}${dropHint ? ` drop-${dropHint}` : ""}`}
      data-draggable={draggable || undefined}
    >
      <span className="entry-row-title">
        {entry.starred && <span aria-label={t("library.starred")}>★ </span>}
        {label}
        {entry.review_merge && (
          <span className="review-mark" data-testid="review-mark" title={t("editor.reviewMergeHint")}>
            {" "}
            {t("editor.reviewMerge")}
          </span>
        )}
      </span>
      <span className="entry-row-meta">
        {when}
        {when && " · "}
        {entry.word_count === 1 ? t("editor.oneWord") : t("editor.words", { count: entry.word_count })}
      </span>
    </div>
  );
}

export function EntryList({ view }: { view: LibraryView }) {
  const { entryId } = useAppState();
  const dispatch = useAppDispatch();
  const filter = useMemo(() => filterFor(view), [view]);
  const entries = useEntries(filter);
  const journals = useJournals(false);
  const journal = view.kind === "journal" ? journals.data?.find((j) => j.id === view.journalId) : undefined;
  const bookOrder = journal?.kind === "guided";
  const rows = useMemo(
    () => sortEntries(entries.data ?? [], bookOrder ? "guided" : "mixed"),
    [entries.data, bookOrder],
  );
  const move = useMoveEntry(filter);
  const { newEntry, create } = useNewEntry();
  const [active, setActive] = useState(0);
  const [drag, setDrag] = useState<{ from: number; over: number | null; half: "above" | "below" } | null>(null);
  const [announce, setAnnounce] = useState("");
  const scroller = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  const activeIndex = Math.min(active, Math.max(rows.length - 1, 0));
  const open = (i: number) => {
    const e = rows[i];
    if (!e) return;
    setActive(i);
    dispatch({ type: "openEntry", entryId: e.id });
  };

  const moveTo = (from: number, to: number) => {
    const r = reorder(rows, from, to);
    const moved = rows[from];
    if (!r || !moved) return;
    move.mutate({ id: moved.id, before: r.before, order: r.order });
    setActive(to);
    setAnnounce(t("library.moved", { title: entryLabel(moved, t("app.untitled")) }));
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (rows.length === 0) return;
    let next: number;
    if (bookOrder && e.altKey && (e.key === "ArrowUp" || e.key === "ArrowDown")) {
      e.preventDefault();
      const to = activeIndex + (e.key === "ArrowUp" ? -1 : 1);
      if (to >= 0 && to < rows.length) {
        moveTo(activeIndex, to);
        virtualizer.scrollToIndex(to);
      }
      return;
    }
    switch (e.key) {
      case "ArrowDown":
        next = Math.min(rows.length - 1, activeIndex + 1);
        break;
      case "ArrowUp":
        next = Math.max(0, activeIndex - 1);
        break;
      case "Home":
        next = 0;
        break;
      case "End":
        next = rows.length - 1;
        break;
      case "Enter":
      case " ":
        e.preventDefault();
        open(activeIndex);
        return;
      default:
        return;
    }
    e.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(next);
  };

  const title = viewTitle(view, journal);
  const optionId = (i: number) => `entry-option-${rows[i]?.id ?? i}`;

  return (
    <section className="entry-list" aria-label={t("library.entries")}>
      <header className="entry-list-header">
        <h2 title={title}>{title}</h2>
        {view.kind === "trash" && (
          <div className="entry-list-actions">
            <DeleteForever
              what="trash"
              label={t("library.emptyTrash")}
              title={t("library.emptyTrashTitle")}
              text={t("library.emptyTrashText")}
              testId="empty-trash-button"
              onDone={() => dispatch({ type: "openEntry", entryId: null })}
            />
          </div>
        )}
        {view.kind === "journal" && (
          <div className="entry-list-actions">
            <button
              type="button"
              className="primary"
              data-testid="new-entry-button"
              disabled={create.isPending}
              onClick={newEntry}
            >
              {t("library.newEntry")}
            </button>
            <TrashJournalButton journalId={view.journalId} />
            <KeepHereToggle journalId={view.journalId} />
          </div>
        )}
      </header>
      {view.kind === "trash" && <TrashedJournals />}
      <ErrorText error={entries.error ?? create.error ?? move.error} />
      {entries.isSuccess && rows.length === 0 && <p className="hint pad">{t("library.noEntries")}</p>}
      <div
        ref={scroller}
        className="entry-scroller"
        role="listbox"
        tabIndex={0}
        data-testid="entry-list"
        aria-label={t("library.entryListLabel", { name: title })}
        aria-activedescendant={rows.length > 0 ? optionId(activeIndex) : undefined}
        onKeyDown={onKeyDown}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((item) => {
            const entry = rows[item.index]!;
            const hint = drag && drag.over === item.index && drag.from !== item.index ? drag.half : null;
            return (
              <div
                key={entry.id}
                id={optionId(item.index)}
                role="option"
                aria-selected={entry.id === entryId}
                data-testid="entry-item"
                data-entry-id={entry.id}
                data-index={item.index}
                className="entry-option"
                style={{ position: "absolute", top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                draggable={bookOrder}
                onClick={() => open(item.index)}
                onDragStart={(e) => {
                  e.dataTransfer.effectAllowed = "move";
                  e.dataTransfer.setData("text/plain", String(entry.id));
                  setDrag({ from: item.index, over: null, half: "above" });
                }}
                onDragOver={(e) => {
                  if (!drag) return;
                  e.preventDefault();
                  const box = e.currentTarget.getBoundingClientRect();
                  const half = e.clientY - box.top < box.height / 2 ? "above" : "below";
                  if (drag.over !== item.index || drag.half !== half) setDrag({ ...drag, over: item.index, half });
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  if (!drag) return;
                  // Dropping below a row means landing after it; indices shift once the row leaves.
                  let to = item.index + (drag.half === "below" ? 1 : 0);
                  if (drag.from < to) to -= 1;
                  moveTo(drag.from, to);
                  setDrag(null);
                }}
                onDragEnd={() => setDrag(null)}
              >
                <Row
                  entry={entry}
                  active={item.index === activeIndex}
                  open={entry.id === entryId}
                  draggable={bookOrder}
                  dropHint={hint}
                />
              </div>
            );
          })}
        </div>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
    </section>
  );
}
