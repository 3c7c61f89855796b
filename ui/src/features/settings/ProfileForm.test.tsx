import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { mockCore } from "../../test/ipc";
import { ProfilesSection } from "./ProfilesSection";

const profile = {
  name: "openrouter",
  base_url: "https://openrouter.ai/api/v1",
  model: "m",
  structured_output: "json_schema",
  requests_per_minute: null,
  tokens_per_minute: null,
  timeout_secs: 120,
  max_retries: 4,
  has_api_key: true,
  images_model: null,
  is_default: true,
};

describe("endpoint profiles", () => {
  it("sends the API key once to the core and keeps no copy", async () => {
    const user = userEvent.setup();
    let saved = false;
    const core = mockCore({
      llm_list: () => ({ profiles: saved ? [profile] : [], detected: [] }),
      llm_add: () => {
        saved = true;
        return profile;
      },
    });
    const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const { container } = render(
      <QueryClientProvider client={qc}>
        <ProfilesSection />
      </QueryClientProvider>,
    );
    // With nothing set up, a model on this computer is offered first; the writer picks a server.
    await user.click(await screen.findByTestId("ai-mode-server"));
    await user.type(screen.getByTestId("profile-name"), "openrouter");
    await user.type(screen.getByTestId("profile-base-url"), "https://openrouter.ai/api/v1");
    await user.type(screen.getByTestId("profile-model"), "m");
    await user.type(screen.getByTestId("profile-api-key"), "sk-or-very-secret");
    await user.click(screen.getByTestId("profile-add"));

    await waitFor(() => expect(screen.getAllByTestId("profile-item")).toHaveLength(1));
    expect(core.callsOf("llm_add")[0]).toMatchObject({ apiKey: "sk-or-very-secret", input: { name: "openrouter" } });
    expect(screen.getByTestId("profile-api-key")).toHaveValue("");
    expect(screen.getByTestId("profile-item")).toHaveTextContent("key stored");
    // Nowhere in the page or the query cache.
    expect(container.innerHTML).not.toContain("sk-or-very-secret");
    expect(JSON.stringify(qc.getQueryCache().getAll().map((q) => q.state.data))).not.toContain("sk-or-very-secret");
    expect(JSON.stringify(qc.getMutationCache().getAll().map((m) => m.state.variables))).not.toContain("sk-or-very-secret");
  });

  it("shows what Test connection found", async () => {
    const user = userEvent.setup();
    mockCore({
      llm_list: () => ({ profiles: [profile], detected: [] }),
      llm_test: () => ({
        profile: "openrouter", chat_url: "x", reachable: true, models: ["a"], model_listed: false,
        chat_ok: false, structured_ok: false, latency_ms: 0, tokens_in: 0, tokens_out: 0,
        problems: ['the server does not list the model "m"; it has: a'],
      }),
    });
    render(
      <QueryClientProvider client={new QueryClient()}>
        <ProfilesSection />
      </QueryClientProvider>,
    );
    await user.click(await screen.findByTestId("profile-test"));
    const report = await screen.findByTestId("profile-report");
    expect(report).toHaveAttribute("data-ok", "false");
    expect(report).toHaveTextContent("does not list the model");
  });
});
