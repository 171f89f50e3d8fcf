/**
 * Where a database's profile pictures are kept and how they are named: connectors write them
 * (channels/context.ts), host mode and the desktop app serve them, and a person's data export
 * and erasure (src/privacy) must find every one of theirs.
 */
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';

/** The prefix of a `profilePictureUrl` that names a file in the local avatar cache. */
export const AVATAR_PREFIX = 'avatar:';

/** The avatar cache of a database: a folder `avatars` beside the database file. */
export function avatarDirFor(dbFile: string): string {
  return join(dirname(dbFile), 'avatars');
}

/** The cache file name of one person's picture: stable, so a newer picture replaces the older. */
export function avatarFileName(channel: string, account: string, externalUserId: string): string {
  const hash = createHash('sha256')
    .update(`${channel}\0${account}\0${externalUserId}`)
    .digest('hex');
  return `${hash.slice(0, 32)}.img`;
}

/** The cache file a `profilePictureUrl` names, or null when it names none (an address, nothing). */
export function avatarFileOf(url: string | null): string | null {
  return url?.startsWith(AVATAR_PREFIX) ? url.slice(AVATAR_PREFIX.length) : null;
}

/** The image type of a picture from its first bytes; null when it is not an image we show. */
export function imageType(bytes: Uint8Array): string | null {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  // RIFF....WEBP
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP')
    return 'image/webp';
  return null;
}
