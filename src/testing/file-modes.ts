/**
 * The modes an owner-only file or folder (src/shared/owner-only.ts) shows on this platform, for
 * tests that run on Linux, macOS and Windows alike. Linux and macOS: 0600 and 0700. Windows keeps
 * a user's files private by the profile's ACLs, and Node's modes there say only whether a file is
 * read-only (libuv's fs__stat_handle reports 0666 for anything writable, folders included, 0444
 * for the rest): an owner-only file or folder there is one the owner can still write, 0666.
 */
import { statSync } from 'node:fs';

const WINDOWS = process.platform === 'win32';

export const OWNER_ONLY_FILE = WINDOWS ? 0o666 : 0o600;
export const OWNER_ONLY_FOLDER = WINDOWS ? 0o666 : 0o700;

/** The permission bits of a file or folder. */
export const modeOf = (path: string): number => statSync(path).mode & 0o777;
