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

/**
 * Whether `text` is whole Unicode, with no half of a character (a surrogate without its pair, as
 * text cut inside an emoji has): UTF-8, in which the database keeps text, cannot hold one.
 */
export const isWholeText = (text: string) => !/[\uD800-\uDFFF]/u.test(text);

/** `text` with each half of a character replaced by U+FFFD, as a UTF-8 reader would show it. */
export const wholeText = (text: string) => text.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');
