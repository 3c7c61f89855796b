// Search across the library: the query box keeps focus, arrows move through the
// results, Enter opens the highlighted entry.

import { useState } from "react";
import { useAppDispatch } from "../../app/state";
import { SEARCH_PAGE, type SearchHit, useSearch } from "../../ipc";
import { formatDate, formatNumber, t } from "../../i18n";
import { Dialog } from "../../shared/Dialog";
import { ErrorText } from "../../shared/ErrorText";
import { nextIndex } from "./navigation";
import { Snippet } from "./Snippet";
import { SyntaxHelp } from "./SyntaxHelp";
import { useDebounced } from "./useDebounced";

export function SearchResults({
  hits,
  active,
  onOpen,
  onHover,
}: {
  hits: SearchHit[];
  active: number;
  onOpen: (hit: SearchHit) => void;
  onHover: (index: number) => void;
}) {
  return (
    <ul id="search-results" role="listbox" aria-label={t("search.results")} className="search-results" data-testid="search-results">
      {hits.map((hit, i) => (
        <li
          key={hit.entry_id}
          id={`search-hit-${hit.entry_id}`}
          role="option"
          aria-selected={i === active}
          className={`search-hit${i === active ? " active" : ""}`}
          data-testid="search-result"
          data-entry-id={hit.entry_id}
          onMouseEnter={() => onHover(i)}
          onClick={() => onOpen(hit)}
        >
          <span className="search-hit-title">
            {hit.starred && "★ "}
            {hit.title || t("app.untitled")}
          </span>
          <span className="search-hit-meta">
            {hit.journal_title}
            {hit.date && ` · ${formatDate(hit.date)}`}
            {hit.tags.length > 0 && ` · ${hit.tags.map((x) => `#${x}`).join(" ")}`}
          </span>
          <Snippet spans={hit.snippet} />
        </li>
      ))}
    </ul>
  );
}

export function SearchPanel() {
  const dispatch = useAppDispatch();
  const [text, setText] = useState("");
  const query = useDebounced(text, 200);
  const search = useSearch(query);
  const pages = query.trim() ? (search.data?.pages ?? []) : [];
  const hits = pages.flatMap((p) => p.hits);
  const total = pages[0]?.total ?? 0;
  const [activeRaw, setActive] = useState(-1);
  const active = Math.min(activeRaw, hits.length - 1);

  const open = (hit: SearchHit) => {
    dispatch({ type: "closeDialog" });
    dispatch({ type: "showView", view: { kind: "journal", journalId: hit.journal_id } });
    dispatch({ type: "openEntry", entryId: hit.entry_id });
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      const hit = hits[active >= 0 ? active : 0];
      if (hit) {
        e.preventDefault();
        open(hit);
      }
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const next = nextIndex(e.key, active, hits.length);
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    document.getElementById(`search-hit-${hits[next]?.entry_id}`)?.scrollIntoView?.({ block: "nearest" });
  };

  const activeHit = active >= 0 ? hits[active] : undefined;
  return (
    <Dialog title={t("search.title")} onClose={() => dispatch({ type: "closeDialog" })} testId="search-dialog" wide>
      <input
        type="search"
        role="combobox"
        autoFocus
        aria-label={t("search.input")}
        aria-expanded={hits.length > 0}
        aria-controls="search-results"
        aria-autocomplete="list"
        aria-activedescendant={activeHit ? `search-hit-${activeHit.entry_id}` : undefined}
        placeholder={t("search.placeholder")}
        data-testid="search-input"
        className="search-input"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
      />
      <SyntaxHelp />
      <ErrorText error={query.trim() ? search.error : null} testId="search-error" />
      {search.isSuccess && query.trim() && (
        <p className="hint" role="status" data-testid="search-count">
          {total === 0
            ? t("search.none")
            : hits.length < total
              ? t("search.shownOfTotal", { shown: formatNumber(hits.length), total: formatNumber(total) })
              : t("search.resultCount", { count: formatNumber(total) })}
        </p>
      )}
      <SearchResults hits={hits} active={active} onOpen={open} onHover={setActive} />
      {search.hasNextPage && (
        <button
          type="button"
          className="search-more"
          data-testid="search-more"
          disabled={search.isFetchingNextPage}
          onClick={() => void search.fetchNextPage()}
        >
          {t("search.more", { count: formatNumber(Math.min(SEARCH_PAGE, total - hits.length)) })}
        </button>
      )}
    </Dialog>
  );
}
