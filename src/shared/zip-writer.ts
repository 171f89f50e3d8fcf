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
import {
  centralRecord,
  dataDescriptor,
  DEFLATE,
  dosDateTime,
  endRecord,
  localHeader,
  SIZES_AFTER,
  UTF8_NAMES,
  ZIP_LIMIT,
  type ZipEntryHeader,
} from './zip-format';

interface Entry extends ZipEntryHeader {
  offset: number;
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
    if (offset > ZIP_LIMIT)
      throw new Error('The file would pass 4 GiB, more than a zip without Zip64 holds');
    if (!output.write(chunk)) await once(output as Writable, 'drain', { signal: options.signal });
  };

  return {
    async add(name, content) {
      const entry: Entry = {
        name: Buffer.from(name),
        flags: SIZES_AFTER | UTF8_NAMES,
        method: DEFLATE,
        time,
        date,
        crc: 0,
        compressed: 0,
        size: 0,
        offset,
      };
      // CRC and sizes are zero here: they follow the data.
      await put(localHeader(entry));
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
            if (entry.size > ZIP_LIMIT) throw new Error(`${name} would pass 4 GiB`);
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
      await put(dataDescriptor(entry));
      entries.push(entry);
    },

    async finish() {
      const start = offset;
      for (const entry of entries) await put(centralRecord(entry, entry.offset));
      await put(endRecord(entries.length, start, offset));
    },
  };
}
