// Counts words the way the core does (jcc-store `word_count`): runs of letters and
// digits, with apostrophes inside a word kept in it. Markdown markers are not words.

const WORD = /[\p{L}\p{N}\p{M}]+(?:['’][\p{L}\p{N}\p{M}]*)*/gu;

export function wordCount(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text) !== null) n += 1;
  return n;
}
