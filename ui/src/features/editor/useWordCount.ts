// Word count that keeps up with typing without counting a long entry on every key:
// recounted after a short pause.

import type { Text } from "@codemirror/state";
import { useCallback, useEffect, useRef, useState } from "react";
import { wordCount } from "./wordCount";

export function useWordCount(initial: string, delayMs = 250) {
  const [count, setCount] = useState(() => wordCount(initial));
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const update = useCallback(
    (doc: Text) => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => setCount(wordCount(doc.toString())), delayMs);
    },
    [delayMs],
  );
  return [count, update] as const;
}
