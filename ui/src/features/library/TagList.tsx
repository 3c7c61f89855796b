// The sidebar's tags: each opens its entries; Rename renames it everywhere (naming it as
// an existing tag merges the two).

import { useState } from "react";
import { useAppDispatch, useAppState, type LibraryView } from "../../app/state";
import { type TagCount, useRenameTag } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function TagList({ tags, isCurrent }: { tags: TagCount[]; isCurrent: (v: LibraryView) => boolean }) {
  const [renaming, setRenaming] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      <ul className="sidebar-list" data-testid="tag-list">
        {tags.map((tag) =>
          renaming === tag.name ? (
            <li key={tag.name}>
              <RenameTagForm
                from={tag.name}
                onDone={(message) => {
                  setRenaming(null);
                  setDone(message);
                }}
              />
            </li>
          ) : (
            <TagRow
              key={tag.name}
              tag={tag}
              current={isCurrent({ kind: "tag", tag: tag.name })}
              onRename={() => {
                setDone(null);
                setRenaming(tag.name);
              }}
            />
          ),
        )}
      </ul>
      {done && (
        <p role="status" className="hint" data-testid="tag-renamed">
          {done}
        </p>
      )}
    </>
  );
}

function TagRow({ tag, current, onRename }: { tag: TagCount; current: boolean; onRename: () => void }) {
  const dispatch = useAppDispatch();
  return (
    <li className="sidebar-row">
      <button
        type="button"
        className="sidebar-item"
        data-testid="tag-item"
        aria-current={current ? "page" : undefined}
        onClick={() => dispatch({ type: "showView", view: { kind: "tag", tag: tag.name } })}
      >
        <span className="sidebar-item-title">#{tag.name}</span>
        <span className="count">{tag.entries}</span>
      </button>
      <button
        type="button"
        className="sidebar-row-action"
        aria-label={t("library.renameTagLabel", { name: tag.name })}
        title={t("library.renameTagLabel", { name: tag.name })}
        data-testid="tag-rename"
        onClick={onRename}
      >
        {t("library.renameTag")}
      </button>
    </li>
  );
}

function RenameTagForm({ from, onDone }: { from: string; onDone: (message: string | null) => void }) {
  const { view } = useAppState();
  const dispatch = useAppDispatch();
  const rename = useRenameTag();
  const [to, setTo] = useState(from);

  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const name = to.trim().replace(/^#/, "");
    if (!name || name === from) return onDone(null);
    rename.mutate(
      { from, to: name },
      {
        onSuccess: (count) => {
          // The tag being shown now lives under its new name.
          if (view?.kind === "tag" && view.tag === from) dispatch({ type: "showView", view: { kind: "tag", tag: name } });
          onDone(t("library.tagRenamed", { from, to: name, count }));
        },
      },
    );
  };

  return (
    <form className="sidebar-rename" onSubmit={submit} data-testid="tag-rename-form">
      <input
        autoFocus
        value={to}
        aria-label={t("library.renameTagField", { name: from })}
        data-testid="tag-rename-input"
        onChange={(e) => setTo(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") {
            e.stopPropagation();
            onDone(null);
          }
        }}
      />
      <div className="row-actions">
        <button type="submit" className="primary" disabled={rename.isPending} data-testid="tag-rename-save">
          {t("library.renameTag")}
        </button>
        <button type="button" onClick={() => onDone(null)}>
          {t("app.cancel")}
        </button>
      </div>
      <ErrorText error={rename.error} testId="tag-rename-error" />
    </form>
  );
}
