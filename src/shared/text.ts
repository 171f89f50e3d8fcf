/** Lower-case and strip accents, so "João" sorts and matches like "joao". */
export function foldText(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** Cuts a message down to a one-line preview, never inside a character (an emoji is two halves). */
export function preview(text: string, max = 160): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line.length <= max) return line;
  const cut = isHighHalf(line.charCodeAt(max - 2)) ? max - 2 : max - 1;
  return `${line.slice(0, cut)}…`;
}

/** The first half of a character beyond the first 65,536 (most emoji). */
const isHighHalf = (code: number) => code >= 0xd800 && code <= 0xdbff;
