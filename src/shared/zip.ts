/**
 * A small zip writer (PKWARE APPNOTE 6.3.10, the subset every unzip reads): files written one
 * after the other to a sink, deflated when that saves room (text) and stored as they are when
 * not (pictures), names in UTF-8, then the central directory. No zip64: one person's data is far
 * below its 4 GB and 65,535-file limits, which are refused rather than written wrong.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** The path inside the archive, with `/` between folders. */
  name: string;
  data: Uint8Array;
  modified: Date;
}

const LIMIT = 0xffff_ffff;
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const STORE = 0;
/** Version 2.0 of the format, written on Unix (so the mode below is read). */
const MADE_BY = (3 << 8) | 20;
/** A regular file readable by its owner only, as the export's own file is. */
const FILE_MODE = 0o100600;

/** MS-DOS date and time, as the format keeps them (two-second steps, from 1980). */
function dosTime(at: Date): [time: number, date: number] {
  const year = Math.max(at.getFullYear(), 1980);
  return [
    (at.getHours() << 11) | (at.getMinutes() << 5) | (at.getSeconds() >> 1),
    ((year - 1980) << 9) | ((at.getMonth() + 1) << 5) | at.getDate(),
  ];
}

/** Writes `entries` as one zip file through `write`, in order. */
export function writeZip(entries: Iterable<ZipEntry>, write: (chunk: Uint8Array) => void): void {
  const directory: Buffer[] = [];
  let files = 0;
  let offset = 0;
  const emit = (chunk: Uint8Array) => {
    write(chunk);
    offset += chunk.byteLength;
  };
  for (const entry of entries) {
    if (++files > 0xffff) throw new RangeError('A zip file holds at most 65,535 files');
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data);
    const method = deflated.byteLength < entry.data.byteLength ? DEFLATE : STORE;
    const body = method === DEFLATE ? deflated : entry.data;
    if (entry.data.byteLength > LIMIT || offset + body.byteLength > LIMIT)
      throw new RangeError('A zip file without zip64 holds at most 4 GB');
    const [time, date] = dosTime(entry.modified);
    const crc = crc32(entry.data);
    // The fields the local header and the directory entry share, from "version needed" on.
    const common = Buffer.alloc(26);
    common.writeUInt16LE(20, 0);
    common.writeUInt16LE(UTF8_NAMES, 2);
    common.writeUInt16LE(method, 4);
    common.writeUInt16LE(time, 6);
    common.writeUInt16LE(date, 8);
    common.writeUInt32LE(crc, 10);
    common.writeUInt32LE(body.byteLength, 14);
    common.writeUInt32LE(entry.data.byteLength, 18);
    common.writeUInt16LE(name.byteLength, 22);
    common.writeUInt16LE(0, 24); // no extra field

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY, 4);
    common.copy(central, 6);
    // Comment length, disk number and internal attributes stay 0.
    central.writeUInt32LE((FILE_MODE << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common.copy(local, 4);
    emit(local);
    emit(name);
    emit(body);
  }
  const start = offset;
  for (const part of directory) emit(part);
  if (offset > LIMIT) throw new RangeError('A zip file without zip64 holds at most 4 GB');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files, 8);
  end.writeUInt16LE(files, 10);
  end.writeUInt32LE(offset - start, 12);
  end.writeUInt32LE(start, 16);
  emit(end);
}
