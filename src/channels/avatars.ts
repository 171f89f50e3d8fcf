/**
 * The local cache of profile pictures: where it lives, which names in it are valid, and what kind
 * of image a file holds. Connectors write it (ConnectorContext.saveAvatar); host mode and the
 * desktop app's `clientela-avatar:` protocol read it.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** The avatar cache of a database: a folder `avatars` beside the database file. */
export function avatarDirFor(dbFile: string): string {
  return join(dirname(dbFile), 'avatars');
}

/** A plain file name, no folder parts and no leading dot: nothing outside the folder is reachable. */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}(\.[A-Za-z0-9]{1,8})?$/;

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

/**
 * Reads one cached picture by its file name. Null when the name is not a plain cache name, the
 * file is missing, or it is not an image (whatever else it holds is never served).
 */
export async function readAvatar(
  avatarDir: string,
  name: string,
): Promise<{ bytes: Buffer; type: string } | null> {
  if (!SAFE_NAME.test(name)) return null;
  const bytes = await readFile(join(avatarDir, name)).catch(() => null);
  if (!bytes) return null;
  const type = imageType(bytes);
  return type ? { bytes, type } : null;
}
