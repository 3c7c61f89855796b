// The core announces every change, including the writer's own autosaves. The editor
// already has its text and patched the cached lists, so an entry_changed that merely
// echoes our own save must not refetch a 10,000-entry list on every pause in typing.

const ECHO_WINDOW_MS = 3000;
const recent = new Map<number, number>();

export function noteOwnWrite(entryId: number, now = Date.now()): void {
  recent.set(entryId, now);
}

export function isOwnEcho(entryId: number, now = Date.now()): boolean {
  const at = recent.get(entryId);
  if (at === undefined) return false;
  if (now - at > ECHO_WINDOW_MS) {
    recent.delete(entryId);
    return false;
  }
  return true;
}

export function clearOwnWrites(): void {
  recent.clear();
}
