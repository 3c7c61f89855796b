// Input-to-paint timing for end-to-end tests: a mark when the writer types, a measure
// in the next animation frame, the last measures in window.__jccPerf (milliseconds).

import { EditorView } from "@codemirror/view";

const MARK = "jcc-input";
const MEASURE = "jcc-input-to-paint";
const KEEP = 500;

declare global {
  interface Window {
    __jccPerf?: number[];
    /** When the library was first on screen (ms since the epoch), for launch timing. */
    __jccReady?: number;
  }
}

export function recordPerf(ms: number): void {
  const list = (window.__jccPerf ??= []);
  list.push(ms);
  if (list.length > KEEP) list.splice(0, list.length - KEEP);
}

let waiting = false;
let changed = false;

function markInput(): void {
  // One sample per frame: keys typed within a frame are painted together.
  if (waiting) return;
  waiting = true;
  changed = false;
  performance.mark(MARK);
  requestAnimationFrame(() => {
    // Keys that changed nothing (arrows, shortcuts) leave no sample.
    if (changed) {
      try {
        recordPerf(performance.measure(MEASURE, MARK).duration);
      } catch {
        // The mark was cleared (e.g. by a test harness): skip this sample.
      }
    }
    performance.clearMarks(MARK);
    performance.clearMeasures(MEASURE);
    waiting = false;
    changed = false;
  });
}

export const inputPerf = [
  // keydown: Enter and Backspace are editor commands with no beforeinput event.
  EditorView.domEventHandlers({
    beforeinput: () => {
      markInput();
      return false;
    },
    keydown: () => {
      markInput();
      return false;
    },
  }),
  EditorView.updateListener.of((update) => {
    if (waiting && update.docChanged) changed = true;
  }),
];

/** p95 of the recorded samples, for a quick look in the console. */
export function perfP95(samples: number[] = window.__jccPerf ?? []): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? null;
}
