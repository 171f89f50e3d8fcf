/**
 * The built renderer, as files, and the avatar cache. The page is the same bundle the desktop
 * app loads; here it gets its Content-Security-Policy as a header too.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { readAvatar } from '../channels/avatars';
import { HOST_CSP } from '../shared/content-security-policy';
import { HttpError } from './http-io';
import type { RouteHandler } from '../http/router';

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

/**
 * Serves the files under `dir`; any path without a file extension gets index.html (the app
 * routes in the page). Nothing outside `dir` is reachable.
 */
export function staticFiles(
  dir: string,
): (pathname: string, response: ServerResponse) => Promise<void> {
  const root = normalize(dir + sep);
  return async (pathname, response) => {
    let relative: string;
    try {
      relative = decodeURIComponent(pathname);
    } catch {
      throw new HttpError(404, 'not_found', 'No such page');
    }
    let file = normalize(join(root, relative));
    if (!file.startsWith(root)) throw new HttpError(404, 'not_found', 'No such page');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      if (extname(relative) !== '') throw new HttpError(404, 'not_found', 'No such file');
      file = join(root, 'index.html');
    }
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const html = type.startsWith('text/html');
    response.writeHead(200, {
      'Content-Type': type,
      // Vite names assets by their content: they may be kept; the page itself is always checked.
      'Cache-Control': relative.startsWith('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
      ...(html && { 'Content-Security-Policy': HOST_CSP }),
    });
    createReadStream(file)
      .on('error', () => response.destroy())
      .pipe(response);
  };
}

/** The route handler of `GET /api/avatars/:file`: a cached profile picture, if it is one. */
export function avatarFiles(avatarDir: string): RouteHandler {
  return async ({ params, response }) => {
    const avatar = await readAvatar(avatarDir, params.file!);
    if (!avatar) throw new HttpError(404, 'not_found', 'No such picture');
    response.writeHead(200, {
      'Content-Type': avatar.type,
      'Content-Length': avatar.bytes.length,
      'Cache-Control': 'private, max-age=300',
    });
    response.end(avatar.bytes);
  };
}
