import type { EditorView } from "@codemirror/view";
import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import { mockCore, send } from "../../../test/ipc";
import { MarkdownEditor } from "../MarkdownEditor";
import { AiMenu, AiToolbar } from "./AiToolbar";
import type { Suggestion } from "./suggestion";
import { useAssist } from "./useAssist";

let editorView: EditorView | null = null;

function Harness({ doc }: { doc: string }) {
  const [view, setView] = useState<EditorView | null>(null);
  const [suggestion, setSuggestion] = useState<Suggestion | null>(null);
  const assist = useAssist(view);
  return (
    <>
      <AiMenu ready={view !== null && !assist.busy} onRun={assist.run} />
      <AiToolbar view={view} suggestion={suggestion} error={assist.error} onStop={assist.stop} />
      <MarkdownEditor
        initialDoc={doc}
        label="Entry text"
        onChange={() => {}}
        onView={(v) => {
          editorView = v;
          setView(v);
        }}
        onSuggestion={setSuggestion}
      />
    </>
  );
}

/** Opens the toolbar's "AI assist" menu and picks `name`. */
async function pick(user: ReturnType<typeof userEvent.setup>, name: string) {
  await user.click(await screen.findByRole("button", { name: "AI assist" }));
  await user.click(await screen.findByRole("menuitem", { name }));
}

/** A core whose assist command streams what the test sends, then finishes on request. */
function streamingCore() {
  let channel: unknown = null;
  let finish: (text: string) => void = () => {};
  const core = mockCore({
    assist: (args) => {
      channel = args.onDelta;
      return new Promise((resolve) => {
        finish = (text) => resolve({ text, tokens_in: 5, tokens_out: 3 });
      });
    },
    task_cancel: () => true,
  });
  return {
    core,
    delta: (text: string) => act(() => send(channel, text)),
    finish: (text: string) => act(async () => finish(text)),
  };
}

describe("AI actions in the editor", () => {
  it("streams a continuation as a marked suggestion; Accept puts it in the text", async () => {
    const user = userEvent.setup();
    const ai = streamingCore();
    render(<Harness doc="I walked to the sea." />);
    await pick(user, "Continue writing");
    const [args] = ai.core.callsOf("assist");
    expect(args!.input).toMatchObject({ action: "continue", text: "I walked to the sea.", selection: null });
    expect(typeof args!.task).toBe("string");

    ai.delta("The tide ");
    ai.delta("was out.");
    expect(await screen.findByTestId("ai-suggestion")).toHaveTextContent("The tide was out.");
    expect(screen.getByTestId("ai-pending")).toHaveTextContent("AI suggestion");
    expect(screen.getByTestId("ai-accept")).toBeDisabled(); // still streaming
    expect(editorView!.state.doc.toString()).toBe("I walked to the sea.");

    await ai.finish("The tide was out.");
    await user.click(screen.getByTestId("ai-accept"));
    expect(editorView!.state.doc.toString()).toBe("I walked to the sea. The tide was out.");
    expect(screen.queryByTestId("ai-pending")).toBeNull();
    expect(screen.queryByTestId("ai-suggestion")).toBeNull();
  });

  it("Discard while streaming removes the suggestion and cancels the task", async () => {
    const user = userEvent.setup();
    const ai = streamingCore();
    render(<Harness doc="Dear diary," />);
    await pick(user, "Reflect on this entry");
    ai.delta("You seem");
    await screen.findByTestId("ai-suggestion");
    await user.click(screen.getByTestId("ai-discard"));
    expect(screen.queryByTestId("ai-suggestion")).toBeNull();
    expect(editorView!.state.doc.toString()).toBe("Dear diary,");
    const task = ai.core.callsOf("assist")[0]!.task;
    await waitFor(() => expect(ai.core.callsOf("task_cancel")).toEqual([{ task }]));
  });

  it("says why when the endpoint fails, and leaves the text alone", async () => {
    const user = userEvent.setup();
    mockCore({
      assist: () => {
        throw { code: "llm_unavailable", message: "connection refused" };
      },
    });
    render(<Harness doc="Words." />);
    await pick(user, "Suggest a prompt");
    expect(await screen.findByRole("alert")).toHaveTextContent("connection refused");
    expect(screen.queryByTestId("ai-pending")).toBeNull();
    expect(editorView!.state.doc.toString()).toBe("Words.");
  });

  it("asks for a selection before rephrasing", async () => {
    const user = userEvent.setup();
    const ai = streamingCore();
    render(<Harness doc="Nothing selected." />);
    await pick(user, "Rephrase selection");
    expect(await screen.findByRole("alert")).toHaveTextContent("Select some text");
    expect(ai.core.callsOf("assist")).toHaveLength(0);
  });
});
