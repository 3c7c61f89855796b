// An error from the core, in words: the code's headline, what happened, and what the
// writer can do in the window (see errorWords.ts).

import { errorMessage } from "./errorWords";

export function ErrorText({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  return (
    <p role="alert" className="error-text" data-testid={testId}>
      {errorMessage(error)}
    </p>
  );
}
