/**
 * The renderer's scripts and styles as the UI bench reports them: what the first page fetches
 * against everything the build holds, each raw and gzipped (a fair measure of how much code there
 * is), and what host mode really sent for them, compressed as the browser asked.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface FileSizes {
  files: number;
  bytes: number;
  gzipped: number;
}

const CODE = new Set(['.js', '.css']);

/** The sizes of the given files of the built renderer (paths relative to its folder). */
function sizes(staticDir: string, paths: string[]): FileSizes {
  let bytes = 0;
  let gzipped = 0;
  for (const path of paths) {
    const content = readFileSync(join(staticDir, path));
    bytes += content.length;
    gzipped += gzipSync(content).length;
  }
  return { files: paths.length, bytes, gzipped };
}

/** Every script and style sheet of the built renderer, relative to its folder. */
function allCode(staticDir: string): string[] {
  return readdirSync(join(staticDir, 'assets'))
    .filter((name) => CODE.has(extname(name)))
    .map((name) => join('assets', name));
}

/**
 * The scripts and styles among `urls` (what a page fetched) against all of them; `urls` are the
 * page's addresses, read as paths under `staticDir`.
 */
export function bundleSizes(
  staticDir: string,
  urls: string[],
): { loaded: FileSizes; all: FileSizes; loadedNames: string[] } {
  const loaded = [
    ...new Set(
      urls
        .map((url) => decodeURIComponent(new URL(url).pathname).replace(/^\//, ''))
        .filter((path) => CODE.has(extname(path))),
    ),
  ].sort();
  return {
    loaded: sizes(staticDir, loaded),
    all: sizes(staticDir, allCode(staticDir)),
    loadedNames: loaded,
  };
}

/** What host mode sent for the page's own files on a first visit, as the browser received it. */
export interface SentSizes {
  files: number;
  /** The bodies' bytes on the wire (compressed where they were). */
  bytes: number;
  /** How many files came in each encoding ("br", "gzip", "none"). */
  encodings: Record<string, number>;
}

/** One response's part of what was sent, added to `sent`. */
export function addSent(sent: SentSizes, bodyBytes: number, encoding: string | undefined): void {
  sent.files += 1;
  sent.bytes += bodyBytes;
  const name = encoding ?? 'none';
  sent.encodings[name] = (sent.encodings[name] ?? 0) + 1;
}

/** "160 KB on the wire for 7 files (br 6, none 1)" */
export function describeSent({ files, bytes, encodings }: SentSizes): string {
  const kb = `${Math.round(bytes / 1024).toLocaleString('en-US')} KB`;
  const by = Object.entries(encodings)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  return `${kb} on the wire for ${files} ${files === 1 ? 'file' : 'files'} (${by})`;
}

/** "312 KB (98 KB gzipped), 4 files" */
export function describeSizes({ files, bytes, gzipped }: FileSizes): string {
  const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en-US')} KB`;
  return `${kb(bytes)} (${kb(gzipped)} gzipped), ${files} ${files === 1 ? 'file' : 'files'}`;
}
