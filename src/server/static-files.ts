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

/** Kept by the browser for a year, never checked again: the name changes with the content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Vite's name for a built asset, `assets/[name]-[hash].[ext]`: eight characters of base64url. */
const HASHED_ASSET = /^\/assets\/[^/]+-[\w-]{8}\.[a-z0-9]+$/i;

/**
 * How long a browser keeps a file of the build: a hashed asset for good; anything else (the page,
 * a file Vite copied as it was) is checked at every use, a 304 while it is unchanged, so that a
 * new version is seen at the next visit.
 */
const cacheControlFor = (name: string): string =>
  HASHED_ASSET.test(name) ? IMMUTABLE : 'no-cache';

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
      'Cache-Control': cacheControlFor(name),
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
