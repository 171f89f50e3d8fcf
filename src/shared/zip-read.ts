/**
 * Reading entries out of a zip held in memory (an .xlsx sent to import), by its central
 * directory, over node:zlib. Every offset is checked against the file, and an entry inflates to
 * at most `maxEntryBytes`: a damaged file or a zip bomb is refused, never followed.
 */
import { inflateRawSync } from 'node:zlib';
import { looksLikeZip } from './sheet-text';

export type ZipProblem = 'not_zip' | 'damaged' | 'too_large' | 'unsupported';

export class ZipError extends Error {
  constructor(
    readonly problem: ZipProblem,
    detail: string,
  ) {
    super(`${problem}: ${detail}`);
    this.name = 'ZipError';
  }
}

interface EntryRecord {
  method: number;
  compressed: number;
  size: number;
  offset: number;
}

export interface ZipArchive {
  has(name: string): boolean;
  /** The entry's bytes, inflated; null when there is no such entry. */
  read(name: string): Buffer | null;
}

/** Opens a zip's directory; throws ZipError when it is not a zip this reader can trust. */
export function openZip(bytes: Uint8Array, limits: { maxEntryBytes: number }): ZipArchive {
  const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const damaged = (detail: string) => new ZipError('damaged', detail);
  // The end record is in the last 22 bytes plus a comment of up to 65,535.
  let end = -1;
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--)
    if (zip.readUInt32LE(at) === 0x06054b50) {
      end = at;
      break;
    }
  if (end === -1) throw new ZipError(looksLikeZip(zip) ? 'damaged' : 'not_zip', 'no end record');
  const count = zip.readUInt16LE(end + 10);
  const directory = zip.readUInt32LE(end + 16);
  if (count === 0xffff || directory === 0xffff_ffff) throw new ZipError('unsupported', 'Zip64');

  const entries = new Map<string, EntryRecord>();
  let at = directory;
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50)
      throw damaged('central directory');
    const flags = zip.readUInt16LE(at + 8);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    if (at + 46 + skip > zip.length) throw damaged('central directory');
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (flags & 1) throw new ZipError('unsupported', `${name} is encrypted`);
    entries.set(name, {
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
    });
    at += 46 + skip;
  }

  return {
    has: (name) => entries.has(name),
    read(name) {
      const entry = entries.get(name);
      if (!entry) return null;
      const local = entry.offset;
      if (local + 30 > zip.length || zip.readUInt32LE(local) !== 0x04034b50)
        throw damaged(`${name}: local header`);
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      if (start + entry.compressed > zip.length) throw damaged(`${name}: cut short`);
      const data = zip.subarray(start, start + entry.compressed);
      if (entry.size > limits.maxEntryBytes) throw new ZipError('too_large', name);
      if (entry.method === 0) return data;
      if (entry.method !== 8) throw new ZipError('unsupported', `${name}: method ${entry.method}`);
      try {
        // The directory's size may lie: the limit is on what inflating actually produces.
        return inflateRawSync(data, { maxOutputLength: limits.maxEntryBytes });
      } catch (error) {
        if (error instanceof RangeError) throw new ZipError('too_large', name);
        throw damaged(`${name}: ${(error as Error).message}`);
      }
    },
  };
}
