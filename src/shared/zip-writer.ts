/**
 * A zip file written as it goes, over node:zlib: each entry is deflated while its text is still
 * being produced, and its sizes and checksum follow it in a data descriptor (PKWARE APPNOTE 4.3.9),
 * so nothing but the entry list is held in memory however large the file. What an XLSX needs and
 * no more: no Zip64 (an entry or file over 4 GiB is refused), no encryption, UTF-8 names.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, crc32, createDeflateRaw } from 'node:zlib';

const LIMIT = 0xffff_ffff;
/** Bit 3: sizes and CRC in a data descriptor after the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
const VERSION = 20;

interface Entry {
  name: Buffer;
  crc: number;
  compressed: number;
  size: number;
  offset: number;
}

/** MS-DOS date and time, as zip headers keep them (local time has no meaning here: UTC). */
function dosDateTime(now: number): { time: number; date: number } {
  // The format starts in 1980.
  const d = new Date(Math.max(now, Date.UTC(1980, 0, 1)));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

export interface ZipWriter {
  /** Writes one entry from its text, deflated as it comes; resolves once all of it is out. */
  add(name: string, content: string | AsyncIterable<string>): Promise<void>;
  /** Writes the central directory; the output is left open for the caller to end. */
  finish(): Promise<void>;
}

/** A streaming zip over `output`, waiting for it to drain (a slow disk or browser slows the writer). */
export function createZipWriter(
  output: Writable | NodeJS.WritableStream,
  options: { now: number; level?: number; signal?: AbortSignal },
): ZipWriter {
  const { time, date } = dosDateTime(options.now);
  const entries: Entry[] = [];
  let offset = 0;

  const put = async (chunk: Buffer) => {
    offset += chunk.length;
    if (offset > LIMIT)
      throw new Error('The file would pass 4 GiB, more than a zip without Zip64 holds');
    if (!output.write(chunk)) await once(output as Writable, 'drain', { signal: options.signal });
  };

  /** The fields a local header and a central directory record share, from "version needed" on. */
  const common = (entry: Entry) => {
    const b = Buffer.alloc(26);
    b.writeUInt16LE(VERSION, 0);
    b.writeUInt16LE(FLAGS, 2);
    b.writeUInt16LE(DEFLATE, 4);
    b.writeUInt16LE(time, 6);
    b.writeUInt16LE(date, 8);
    b.writeUInt32LE(entry.crc, 10);
    b.writeUInt32LE(entry.compressed, 14);
    b.writeUInt32LE(entry.size, 18);
    b.writeUInt16LE(entry.name.length, 22);
    b.writeUInt16LE(0, 24);
    return b;
  };

  return {
    async add(name, content) {
      const entry: Entry = { name: Buffer.from(name), crc: 0, compressed: 0, size: 0, offset };
      const signature = Buffer.alloc(4);
      signature.writeUInt32LE(0x04034b50);
      // CRC and sizes are zero here: they follow the data.
      await put(Buffer.concat([signature, common(entry), entry.name]));
      const source = typeof content === 'string' ? [content] : content;
      const deflate = createDeflateRaw({
        level: options.level ?? constants.Z_DEFAULT_COMPRESSION,
        memLevel: 9,
      });
      await pipeline(
        async function* () {
          for await (const text of source) {
            const bytes = Buffer.from(text);
            entry.crc = crc32(bytes, entry.crc);
            entry.size += bytes.length;
            if (entry.size > LIMIT) throw new Error(`${name} would pass 4 GiB`);
            yield bytes;
          }
        },
        deflate,
        async function (deflated: AsyncIterable<Buffer>) {
          for await (const chunk of deflated) {
            entry.compressed += chunk.length;
            await put(chunk);
          }
        },
      );
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(entry.crc, 4);
      descriptor.writeUInt32LE(entry.compressed, 8);
      descriptor.writeUInt32LE(entry.size, 12);
      await put(descriptor);
      entries.push(entry);
    },

    async finish() {
      const start = offset;
      for (const entry of entries) {
        const head = Buffer.alloc(6);
        head.writeUInt32LE(0x02014b50, 0);
        head.writeUInt16LE(VERSION, 4); // made by: MS-DOS attributes, zip 2.0
        const tail = Buffer.alloc(14);
        // Comment length, disk, internal and external attributes: zero; then the offset.
        tail.writeUInt32LE(entry.offset, 10);
        await put(Buffer.concat([head, common(entry), tail, entry.name]));
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(offset - start, 12);
      end.writeUInt32LE(start, 16);
      await put(end);
    },
  };
}
