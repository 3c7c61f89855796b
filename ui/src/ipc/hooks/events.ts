// React glue for the shell's events.

import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { listenLibraryEvents, listenMenuActions, listenReminderEvents, makeEventSink } from "../events";
import type { ReminderEvent } from "../types";

/** Keeps a subscription for as long as `start` is the same; a late one is still undone. */
export function keep(start: () => Promise<() => void>): () => void {
  let unlisten: (() => void) | null = null;
  let gone = false;
  start()
    .then((u) => {
      if (gone) u();
      else unlisten = u;
    })
    .catch(() => {
      // Outside Tauri (a plain browser preview) there are no events to hear.
    });
  return () => {
    gone = true;
    unlisten?.();
  };
}

export function useLibraryEvents(onDamaged: (reason: string) => void): void {
  const qc = useQueryClient();
  const damaged = useRef(onDamaged);
  useEffect(() => {
    damaged.current = onDamaged;
  }, [onDamaged]);
  useEffect(
    () => keep(() => listenLibraryEvents(makeEventSink(qc, (reason) => damaged.current(reason)))),
    [qc],
  );
}

export function useMenuActions(handler: (action: string) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  }, [handler]);
  useEffect(() => keep(() => listenMenuActions((a) => latest.current(a))), []);
}

export function useReminderEvents(handler: (event: ReminderEvent) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  }, [handler]);
  useEffect(() => keep(() => listenReminderEvents((e) => latest.current(e))), []);
}
