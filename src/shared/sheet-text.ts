/**
 * The text of a spreadsheet file saved as CSV. Excel writes "CSV UTF-8" with a byte order mark,
 * "Unicode text" as UTF-16, and plain "CSV" in the computer's ANSI code page, which on a
 * Portuguese (or English) Windows is Windows-1252: read as UTF-8 it would turn "João" into "Jo�o".
 * Shared by the core (files given to the command line) and the renderer (files picked on screen).
 */

const startsWith = (bytes: Uint8Array, ...prefix: number[]) =>
  prefix.every((byte, i) => bytes[i] === byte);

/** Whether a file's bytes start as a zip's ("PK\3\4"): how an .xlsx is told from a CSV. */
export const looksLikeZip = (bytes: Uint8Array) => startsWith(bytes, 0x50, 0x4b, 0x03, 0x04);

/** Decodes a sheet's bytes: by its byte order mark, else UTF-8 when valid, else Windows-1252. */
export function decodeSheet(bytes: Uint8Array): string {
  if (startsWith(bytes, 0xff, 0xfe)) return new TextDecoder('utf-16le').decode(bytes);
  if (startsWith(bytes, 0xfe, 0xff)) return new TextDecoder('utf-16be').decode(bytes);
  try {
    // The decoder drops a leading UTF-8 byte order mark itself.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Every byte is a character in Windows-1252, so this never fails.
    return new TextDecoder('windows-1252').decode(bytes);
  }
}
