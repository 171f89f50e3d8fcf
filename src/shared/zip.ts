/**
 * A small zip writer (PKWARE APPNOTE 6.3.10, the subset every unzip reads): files written one
 * after the other to a sink, deflated when that saves room (text) and stored as they are when
 * not (pictures), names in UTF-8, then the central directory. No zip64: one person's data is far
 * below its 4 GB and 65,535-file limits, which are refused rather than written wrong.
 */
import { crc32, deflateRawSync } from 'node:zlib';
import {
  centralRecord,
  DEFLATE,
  dosDateTime,
  endRecord,
  localHeader,
  STORE,
  UTF8_NAMES,
  ZIP_LIMIT,
} from './zip-format';

export interface ZipEntry {
  /** The path inside the archive, with `/` between folders. */
  name: string;
  data: Uint8Array;
  modified: Date;
}

/** A regular file readable by its owner only, as the export's own file is. */
const FILE_MODE = 0o100600;

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
    const deflated = deflateRawSync(entry.data);
    const method = deflated.byteLength < entry.data.byteLength ? DEFLATE : STORE;
    const body = method === DEFLATE ? deflated : entry.data;
    if (entry.data.byteLength > ZIP_LIMIT || offset + body.byteLength > ZIP_LIMIT)
      throw new RangeError('A zip file without zip64 holds at most 4 GB');
    const header = {
      name: Buffer.from(entry.name, 'utf8'),
      flags: UTF8_NAMES,
      method,
      ...dosDateTime(entry.modified.getTime()),
      crc: crc32(entry.data),
      compressed: body.byteLength,
      size: entry.data.byteLength,
    };
    directory.push(centralRecord(header, offset, FILE_MODE));
    emit(localHeader(header));
    emit(body);
  }
  const start = offset;
  for (const record of directory) emit(record);
  if (offset > ZIP_LIMIT) throw new RangeError('A zip file without zip64 holds at most 4 GB');
  emit(endRecord(files, start, offset));
}
