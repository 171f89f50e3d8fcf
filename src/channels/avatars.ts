/**
 * The local cache of profile pictures: where it lives, which names in it are valid, and what kind
 * of image a file holds. Connectors write it (ConnectorContext.saveAvatar); host mode and the
 * desktop app's `clientela-avatar:` protocol read it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { imageType, isAvatarFileName } from '../shared/avatar-cache';

export { avatarDirFor, imageType } from '../shared/avatar-cache';

/**
 * Reads one cached picture by its file name. Null when the name is not a plain cache name, the
 * file is missing, or it is not an image (whatever else it holds is never served).
 */
export async function readAvatar(
  avatarDir: string,
  name: string,
): Promise<{ bytes: Buffer; type: string } | null> {
  if (!isAvatarFileName(name)) return null;
  const bytes = await readFile(join(avatarDir, name)).catch(() => null);
  if (!bytes) return null;
  const type = imageType(bytes);
  return type ? { bytes, type } : null;
}
