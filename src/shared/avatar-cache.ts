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

/** A plain file name, no folder parts and no leading dot: nothing outside the folder is reachable. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}(\.[A-Za-z0-9]{1,8})?$/;

/** Whether `name` can only be a file of the cache folder itself. */
export const isAvatarFileName = (name: string): boolean => SAFE_NAME.test(name);

/**
 * The cache file a `profilePictureUrl` names, or null when it names none (an address, nothing)
 * or names a path (`avatar:../x`, which an event read from a file could carry): what is read for
 * an export or deleted by an erasure is always inside the folder.
 */
export function avatarFileOf(url: string | null): string | null {
  if (!url?.startsWith(AVATAR_PREFIX)) return null;
  const name = url.slice(AVATAR_PREFIX.length);
  return isAvatarFileName(name) ? name : null;
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
