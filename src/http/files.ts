/**
 * Files served from memory: read once, each compressed once for the browsers that ask for it
 * (brotli, else gzip), with
 * `Vary: Accept-Encoding` so that no cache hands one browser an encoding another asked for, and
 * an ETag so that a browser checking whether its copy is current gets a 304 and no bytes.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { HttpError } from './json';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Text compresses to a third; pictures and fonts are compressed already. */
const COMPRESSIBLE = /^(text\/|application\/json|image\/svg\+xml)/;

/** The Content-Type of a file, by its name. */
export const contentType = (name: string): string =>
  TYPES[extname(name)] ?? 'application/octet-stream';

export type Encoding = 'br' | 'gzip';

const COMPRESS: Record<Encoding, (bytes: Buffer) => Promise<Buffer>> = {
  // Quality 5, not brotli's 11: 16 ms for the app's 400 KB script, where 11 takes 0.9 s (on the
  // first request after a start) for 10% fewer bytes.
  br: (bytes) =>
    promisify(brotliCompress)(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 5,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }),
  gzip: (bytes) => promisify(gzip)(bytes),
};

/** A file to serve: its type and bytes, and its compressed forms as they are first asked for. */
export interface StaticFile {
  readonly type: string;
  readonly bytes: Buffer;
  /**
   * Its validator, from its content. Weak (`W/`): the compressed forms are the same file in
   * another encoding, so one tag stands for all of them (as nginx does when it compresses).
   */
  readonly etag: string;
  /** The bytes in `encoding`, made once; null when compressing does not make them smaller. */
  encoded(encoding: Encoding): Promise<Buffer | null>;
}

/** A file of `type` holding `bytes`. */
export function staticFile(type: string, bytes: Buffer): StaticFile {
  const made = new Map<Encoding, Promise<Buffer | null>>();
  return {
    type,
    bytes,
    etag: `W/"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`,
    encoded(encoding) {
      let encoded = made.get(encoding);
      if (!encoded) {
        encoded = COMPRESSIBLE.test(type)
          ? COMPRESS[encoding](bytes).then((out) => (out.length < bytes.length ? out : null))
          : Promise.resolve(null);
        made.set(encoding, encoded);
      }
      return encoded;
    },
  };
}

/** The encoding to answer in: brotli, else gzip, when `accept` (Accept-Encoding) takes it. */
export function chosenEncoding(accept: string | undefined): Encoding | null {
  const taken = new Set<string>();
  for (const part of (accept ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.split(';').map((piece) => piece.trim());
    const q = params.find((param) => param.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) taken.add(name!);
  }
  return taken.has('br') ? 'br' : taken.has('gzip') ? 'gzip' : null;
}

/** Whether `ifNoneMatch` (If-None-Match) names `etag`, compared weakly as RFC 9110 asks. */
function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

/**
 * Answers with `file`, compressed when the request takes an encoding that makes it smaller, or
 * 304 with no body when the browser's copy is current. A HEAD gets the same headers; Node leaves
 * its body out.
 */
export async function sendFile(
  request: IncomingMessage,
  response: ServerResponse,
  file: StaticFile,
  headers: Record<string, string>,
): Promise<void> {
  // What a 304 must repeat of the 200 it stands for (RFC 9110, 15.4.5).
  const validators = {
    ...headers,
    ETag: file.etag,
    ...(COMPRESSIBLE.test(file.type) && { Vary: 'Accept-Encoding' }),
  };
  if (matchesEtag(request.headers['if-none-match'], file.etag)) {
    response.writeHead(304, validators);
    response.end();
    return;
  }
  const encoding = chosenEncoding(request.headers['accept-encoding']);
  const encoded = encoding ? await file.encoded(encoding) : null;
  const body = encoded ?? file.bytes;
  response.writeHead(200, {
    ...validators,
    'Content-Type': file.type,
    'Content-Length': body.length,
    ...(encoded && { 'Content-Encoding': encoding! }),
  });
  response.end(body);
}

/**
 * The files under `dir` by URL path: null where there is none, an HttpError (404) for a path
 * that cannot be read as one, holds a NUL or leaves `dir`, however it is spelt. Each is read once
 * and kept, with its compressed forms, until it changes on disk.
 */
export function fileDirectory(dir: string): (pathname: string) => Promise<StaticFile | null> {
  const root = normalize(dir + sep);
  const kept = new Map<string, { size: number; mtimeMs: number; file: StaticFile }>();
  const refused = () => new HttpError(404, 'not_found', 'No such page');
  return async (pathname) => {
    let name: string;
    try {
      name = decodeURIComponent(pathname);
    } catch {
      throw refused();
    }
    // A NUL ends the name where C reads it: refused before any file call sees it.
    if (name.includes('\0')) throw refused();
    const path = normalize(join(root, name));
    if (!path.startsWith(root)) throw refused();
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return null;
    const known = kept.get(path);
    if (known?.size === info.size && known.mtimeMs === info.mtimeMs) return known.file;
    const file = staticFile(contentType(path), await readFile(path));
    kept.set(path, { size: info.size, mtimeMs: info.mtimeMs, file });
    return file;
  };
}
