/**
 * Visitor tokens without a table: a visitor is a random id, and their token is that id signed
 * with the account's own key (HMAC-SHA256). The server stores nothing per visitor, a token cannot
 * be forged without the key, and the id the agents see in the app opens nothing by itself.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KEY_FILE = 'visitor-key';
const KEY_BYTES = 32;
/** 128 random bits, base64url. */
const ID_BYTES = 16;
const TOKEN = /^v1\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

export interface Visitor {
  /** The visitor's externalUserId on this account. */
  id: string;
  /** What the widget keeps in localStorage and shows on every call. */
  token: string;
}

/**
 * The account's signing key, created on first use in its data folder and readable only by the
 * user. Losing it only means returning visitors start a new conversation.
 */
export function loadVisitorKey(dataDir: string): Buffer {
  const file = join(dataDir, KEY_FILE);
  try {
    writeFileSync(file, randomBytes(KEY_BYTES), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const key = readFileSync(file);
  if (key.length !== KEY_BYTES) throw new Error(`The web chat key file ${file} is damaged`);
  return key;
}

const sign = (key: Buffer, id: string) =>
  createHmac('sha256', key).update(`clientela-webchat-visitor:v1:${id}`).digest();

/** A new visitor with a fresh random id. */
export function newVisitor(key: Buffer): Visitor {
  const id = randomBytes(ID_BYTES).toString('base64url');
  return { id, token: `v1.${id}.${sign(key, id).toString('base64url')}` };
}

/** The visitor id a token was issued for, or null when it was not issued with this key. */
export function visitorOf(key: Buffer, token: string | null | undefined): string | null {
  const match = token ? TOKEN.exec(token) : null;
  if (!match) return null;
  const [, id, mac] = match;
  const given = Buffer.from(mac!, 'base64url');
  return timingSafeEqual(given, sign(key, id!)) ? id! : null;
}

/** Whether an externalUserId has the shape of a visitor id (agents may only write to visitors). */
export const isVisitorId = (value: string) => /^[A-Za-z0-9_-]{22}$/.test(value);
