import { protocol } from 'electron';
import { readAvatar } from '../src/channels/avatars';

/** The renderer names cached pictures `clientela-avatar://avatars/<file>` (bridge-client.ts). */
const SCHEME = 'clientela-avatar';

/** Declares the scheme; Electron allows this only before the app is ready. */
export function registerAvatarScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true } }]);
}

/**
 * Serves the avatar cache to the window: plain file names only, and only files that are images,
 * so no path reaches outside the folder and nothing else in it is ever handed to the page. The
 * folder is asked for each time: it is the open database's (the owner's, or the demo's).
 */
export function serveAvatars(avatarDir: () => string): void {
  protocol.handle(SCHEME, async (request) => {
    const url = new URL(request.url);
    let name = '';
    try {
      name = url.hostname === 'avatars' ? decodeURIComponent(url.pathname.slice(1)) : '';
    } catch {
      // A malformed %-escape names no file.
    }
    const avatar = name ? await readAvatar(avatarDir(), name) : null;
    if (!avatar) return new Response(null, { status: 404 });
    return new Response(new Uint8Array(avatar.bytes), {
      headers: { 'Content-Type': avatar.type, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}
