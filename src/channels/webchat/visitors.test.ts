import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadVisitorKey, newVisitor, visitorOf } from './visitors';
import { modeOf, OWNER_ONLY_FILE } from '../../testing/file-modes';

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'webchat-visitors-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('visitor tokens', () => {
  it('are signed with a key made once, readable only by the user', () => {
    const dir = tempDir();
    const key = loadVisitorKey(dir);
    expect(loadVisitorKey(dir).equals(key)).toBe(true);
    expect(modeOf(join(dir, 'visitor-key'))).toBe(OWNER_ONLY_FILE);
  });

  it('name their visitor, and nothing else opens that visitor', () => {
    const key = loadVisitorKey(tempDir());
    const visitor = newVisitor(key);
    // 128 random bits, so two visitors never share an id.
    expect(visitor.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(newVisitor(key).id).not.toBe(visitor.id);
    expect(visitorOf(key, visitor.token)).toBe(visitor.id);

    const other = loadVisitorKey(tempDir());
    expect(visitorOf(other, visitor.token)).toBeNull();
    // One character of the signature changed (its first: every bit of it counts).
    const [, id, mac] = visitor.token.split('.');
    const flipped = `v1.${id}.${mac![0] === 'A' ? 'B' : 'A'}${mac!.slice(1)}`;
    expect(visitorOf(key, flipped)).toBeNull();
    expect(visitorOf(key, `v1.${visitor.id}`)).toBeNull();
    expect(visitorOf(key, null)).toBeNull();
  });
});
