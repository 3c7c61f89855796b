// The version of each open entry's text that the editor's words start from. A save
// sends it, so the core can tell a save from an older version (someone else saved
// meanwhile: the CLI, an import, a sync) and merge it instead of overwriting.
//
// It moves on only when the editor holds exactly the library's text: after a save that
// was stored as sent, or when the editor takes the library's text in. After a merge,
// words typed meanwhile still derive from the old version, so it stays until then.

const bases = new Map<number, number>();

export function baseOf(entryId: number): number | null {
  return bases.get(entryId) ?? null;
}

export function setBase(entryId: number, version: number): void {
  bases.set(entryId, version);
}

/** Sets the base only if none is known (a freshly opened entry with no unsaved words). */
export function initBase(entryId: number, version: number): void {
  if (!bases.has(entryId)) bases.set(entryId, version);
}

export function clearBases(): void {
  bases.clear();
}
