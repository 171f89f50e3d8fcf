/**
 * The built renderer, as files, and the avatar cache. The page is the same bundle the desktop
 * app loads; here it gets its Content-Security-Policy as a header too.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { readAvatar } from '../channels/avatars';
import { fileDirectory, sendFile } from '../http/files';
import { HttpError } from '../http/json';
import { HOST_CSP } from '../shared/content-security-policy';
import type { RouteHandler } from './http-io';

/** Kept by the browser for a year: Vite names each asset by its content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the files under `dir`, compressed for the browsers that take it; any path without a
 * file extension gets index.html (the app routes in the page). Nothing outside `dir` is reachable.
 */
export function appFiles(
  dir: string,
): (request: IncomingMessage, response: ServerResponse, pathname: string) => Promise<void> {
  const files = fileDirectory(dir);
  return async (request, response, pathname) => {
    const asked = await files(pathname);
    // Readable: `files` has refused what cannot be decoded.
    const name = decodeURIComponent(pathname);
    if (!asked && extname(name) !== '') throw new HttpError(404, 'not_found', 'No such file');
    const file = asked ?? (await files('/index.html'));
    if (!file) throw new HttpError(404, 'not_found', 'No such page');
    const html = file.type.startsWith('text/html');
    await sendFile(request, response, file, {
      // The page itself is always checked, so that a new version is seen at the next visit.
      'Cache-Control': asked && !html && name.startsWith('/assets/') ? IMMUTABLE : 'no-cache',
      ...(html && { 'Content-Security-Policy': HOST_CSP }),
    });
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
