// "Saving…" / "Saved" / "Couldn't save — retrying", announced politely to screen readers.

import { t } from "../../i18n";
import type { SaveStatus as Status } from "./saveQueue";

const LABEL = {
  idle: null,
  saving: "editor.saving",
  saved: "editor.saved",
  retrying: "editor.retrying",
} as const;

export function SaveStatus({ status }: { status: Status }) {
  const key = LABEL[status];
  return (
    <span className={`save-status save-${status}`} data-testid="save-status" data-status={status} role="status">
      {key ? t(key) : ""}
    </span>
  );
}
