// An error from the core, in words: the code's headline and the core's own message.

import { AppError } from "../ipc";
import { messages, t } from "../i18n";

export function errorMessage(error: unknown): string {
  if (error instanceof AppError) {
    const headline = (messages().errors as Record<string, string>)[error.code] ?? t("errors.internal");
    return error.message ? `${headline}: ${error.message}` : headline;
  }
  return error instanceof Error ? error.message : String(error);
}

export function ErrorText({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className="error-text" data-testid={testId}>
      {errorMessage(error)}
    </p>
  );
}
