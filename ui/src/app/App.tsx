// Providers: the query cache, app state, preferences.

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Layout } from "./Layout";
import { PreferencesProvider } from "./preferences";
import { type AppState, AppStateProvider } from "./state";

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // The core announces changes (library-event), so nothing refetches on a timer or focus.
      queries: { staleTime: Infinity, refetchOnWindowFocus: false, retry: 1 },
      mutations: { retry: false },
    },
  });
}

export function App({ client, initial }: { client?: QueryClient; initial?: Partial<AppState> }) {
  const [qc] = useState(() => client ?? makeQueryClient());
  return (
    <QueryClientProvider client={qc}>
      <AppStateProvider initial={initial}>
        <PreferencesProvider>
          <Layout />
        </PreferencesProvider>
      </AppStateProvider>
    </QueryClientProvider>
  );
}
