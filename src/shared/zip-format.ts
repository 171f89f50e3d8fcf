/**
 * The records of a zip file (PKWARE APPNOTE 6.3.10, the subset every unzip reads), shared by the
 * two writers: one that holds whole entries (zip.ts) and one that streams them (zip-writer.ts).
 * No Zip64: files and entries over 4 GiB, and more than 65,535 entries, are refused by the writers.
 */

/** The largest size or offset a zip without Zip64 can say. */
export const ZIP_LIMIT = 0xffff_ffff;
/** Bit 11 of the flags: the entry's name is UTF-8. */
export const UTF8_NAMES = 0x0800;
/** Bit 3 of the flags: the CRC and sizes follow the data, in a data descriptor. */
export const SIZES_AFTER = 0x0008;
export const DEFLATE = 8;
export const STORE = 0;
/** The version of the format each entry needs: 2.0 (deflate, folders). */
const VERSION_NEEDED = 20;

/** What a local header and a central directory record both say of an entry. */
export interface ZipEntryHeader {
  name: Buffer;
  flags: number;
  method: number;
  /** MS-DOS time and date (dosDateTime). */
  time: number;
  date: number;
  crc: number;
  compressed: number;
  size: number;
}

/** MS-DOS date and time, as zip headers keep them, in UTC (two-second steps, from 1980). */
export function dosDateTime(at: number): { time: number; date: number } {
  const d = new Date(Math.max(at, Date.UTC(1980, 0, 1)));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/** The 26 bytes a local header and a central record share, from "version needed" on. */
function sharedFields(entry: ZipEntryHeader): Buffer {
  const b = Buffer.alloc(26);
  b.writeUInt16LE(VERSION_NEEDED, 0);
  b.writeUInt16LE(entry.flags, 2);
  b.writeUInt16LE(entry.method, 4);
  b.writeUInt16LE(entry.time, 6);
  b.writeUInt16LE(entry.date, 8);
  b.writeUInt32LE(entry.crc, 10);
  b.writeUInt32LE(entry.compressed, 14);
  b.writeUInt32LE(entry.size, 18);
  b.writeUInt16LE(entry.name.length, 22);
  b.writeUInt16LE(0, 24); // no extra field
  return b;
}

/** The local header that comes before an entry's data, its name included. */
export function localHeader(entry: ZipEntryHeader): Buffer {
  const signature = Buffer.alloc(4);
  signature.writeUInt32LE(0x04034b50);
  return Buffer.concat([signature, sharedFields(entry), entry.name]);
}

/** The data descriptor that follows an entry's data when its header said SIZES_AFTER. */
export function dataDescriptor(entry: ZipEntryHeader): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt32LE(0x08074b50, 0);
  b.writeUInt32LE(entry.crc, 4);
  b.writeUInt32LE(entry.compressed, 8);
  b.writeUInt32LE(entry.size, 12);
  return b;
}

/**
 * An entry's record in the central directory. `unixMode` set: made on Unix, with that mode (an
 * unzip then restores it); unset: MS-DOS attributes, none.
 */
export function centralRecord(entry: ZipEntryHeader, offset: number, unixMode?: number): Buffer {
  const head = Buffer.alloc(6);
  head.writeUInt32LE(0x02014b50, 0);
  head.writeUInt16LE(unixMode === undefined ? VERSION_NEEDED : (3 << 8) | VERSION_NEEDED, 4);
  const tail = Buffer.alloc(14);
  // Comment length, disk number and internal attributes stay 0.
  if (unixMode !== undefined) tail.writeUInt32LE((unixMode << 16) >>> 0, 6);
  tail.writeUInt32LE(offset, 10);
  return Buffer.concat([head, sharedFields(entry), tail, entry.name]);
}

/** The end of the central directory: how many entries, and where the directory is. */
export function endRecord(entries: number, directoryStart: number, directoryEnd: number): Buffer {
  const b = Buffer.alloc(22);
  b.writeUInt32LE(0x06054b50, 0);
  b.writeUInt16LE(entries, 8);
  b.writeUInt16LE(entries, 10);
  b.writeUInt32LE(directoryEnd - directoryStart, 12);
  b.writeUInt32LE(directoryStart, 16);
  return b;
}
