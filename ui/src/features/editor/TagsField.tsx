// An entry's tags as comma-separated text; applied when the field is left or Enter pressed.

import { useState } from "react";
import { useTagEntry } from "../../ipc";
import { t } from "../../i18n";
import { ErrorText } from "../../shared/ErrorText";

export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(",")) {
    const tag = raw.trim().replace(/^#/, "");
    if (tag && !seen.has(tag.toLowerCase())) {
      seen.add(tag.toLowerCase());
      out.push(tag);
    }
  }
  return out;
}

/** What to add and remove to go from `before` to `after` (tags compare ignoring case). */
export function tagDiff(before: string[], after: string[]): { add: string[]; remove: string[] } {
  const lower = (l: string[]) => new Set(l.map((x) => x.toLowerCase()));
  const b = lower(before);
  const a = lower(after);
  return {
    add: after.filter((x) => !b.has(x.toLowerCase())),
    remove: before.filter((x) => !a.has(x.toLowerCase())),
  };
}

export function TagsField({ entryId, tags }: { entryId: number; tags: string[] }) {
  const [text, setText] = useState(tags.join(", "));
  const tag = useTagEntry();
  const apply = () => {
    const { add, remove } = tagDiff(tags, parseTags(text));
    if (add.length || remove.length) tag.mutate({ id: entryId, add, remove });
  };
  return (
    <div className="tags-field">
      <label>
        {t("editor.tags")}
        <input
          value={text}
          data-testid="entry-tags"
          onChange={(e) => setText(e.target.value)}
          onBlur={apply}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              apply();
            }
          }}
        />
      </label>
      <ErrorText error={tag.error} />
    </div>
  );
}
