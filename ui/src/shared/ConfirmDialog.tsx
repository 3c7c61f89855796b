// Asks before something that can't be undone: the action runs only from its button.

import type { ReactNode } from "react";
import { t } from "../i18n";
import { Dialog } from "./Dialog";
import { ErrorText } from "./ErrorText";

export interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  error?: unknown;
}

export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, pending, error }: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onCancel} testId="confirm-dialog">
      <div className="confirm-text">{children}</div>
      <ErrorText error={error} />
      <div className="form-actions">
        {/* Cancel first, so Enter on the focused first button never deletes. */}
        <button type="button" data-testid="confirm-cancel" onClick={onCancel}>
          {t("app.cancel")}
        </button>
        <button type="button" className="danger" data-testid="confirm-button" disabled={pending} onClick={onConfirm}>
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
