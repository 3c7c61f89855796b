// Renders a piece of the UI as the app holds it: a fresh query cache (no retries, so a
// failing command shows its error at once) and the app state, optionally preset.

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import type { ReactNode } from "react";
import { type AppState, AppStateProvider } from "../app/state";

export function renderInApp(ui: ReactNode, initial?: Partial<AppState>) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <AppStateProvider initial={initial}>{ui}</AppStateProvider>
    </QueryClientProvider>,
  );
}
