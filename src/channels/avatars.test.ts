import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { avatarDirFor, readAvatar } from './avatars';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

describe('the avatar cache', () => {
  let dir: string;
  let avatars: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'clientela-avatars-'));
    avatars = avatarDirFor(join(dir, 'clientela.db'));
    mkdirSync(avatars);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lives in a folder beside the database file', () => {
    expect(avatarDirFor('/data/loja/clientela.db')).toBe('/data/loja/avatars');
  });

  it('serves a cached picture with its image type', async () => {
    writeFileSync(join(avatars, '0123abcd.img'), PNG);
    expect(await readAvatar(avatars, '0123abcd.img')).toEqual({ bytes: PNG, type: 'image/png' });
  });

  it('never reaches outside the folder, and never serves what is not an image', async () => {
    writeFileSync(join(dir, 'clientela.db'), PNG);
    writeFileSync(join(avatars, 'page.img'), '<script>alert(1)</script>');
    for (const name of ['../clientela.db', '..', '.hidden', 'a/b.img', '%2e%2e', 'page.img'])
      expect(await readAvatar(avatars, name)).toBeNull();
    expect(await readAvatar(avatars, 'missing.img')).toBeNull();
  });
});
