// Wires the close guard to the window: a close request with unsaved text opens the
// prompt (ClosePrompt), whose answer decides whether the window goes.

import { useEffect, useState } from "react";
import { onWindowClose } from "../../ipc";
import type { SaveQueue } from "../editor/saveQueue";
import { mayClose, type Unsaved } from "./closeGuard";
import type { DraftKeeper, KeepState } from "./draftKeeper";

export interface CloseQuestion {
  unsaved: Unsaved;
  kept: KeepState;
  /** true: close the window now; false: keep it open. */
  answer: (close: boolean) => void;
}

export function useCloseGuard(queue: SaveQueue, keeper: DraftKeeper): CloseQuestion | null {
  const [question, setQuestion] = useState<CloseQuestion | null>(null);

  useEffect(() => {
    let stop: (() => void) | null = null;
    let gone = false;
    const ask = (unsaved: Unsaved, kept: KeepState) =>
      new Promise<boolean>((resolve) => {
        setQuestion({
          unsaved,
          kept,
          answer: (close) => {
            setQuestion(null);
            if (close) queue.dispose();
            resolve(close);
          },
        });
      });
    onWindowClose(() => mayClose({ queue, keeper, ask }))
      .then((u) => (gone ? u() : (stop = u)))
      .catch(() => {
        // Not inside Tauri.
      });
    return () => {
      gone = true;
      stop?.();
    };
  }, [queue, keeper]);

  return question;
}
