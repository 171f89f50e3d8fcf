import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { modeOf, OWNER_ONLY_FILE, OWNER_ONLY_FOLDER } from '../testing/file-modes';
import { tempCore, type TestCore } from '../testing/fixtures';
import { accountDataDir, accountDataRootFor } from './accounts';
import { avatarDirFor } from './avatars';
import { createConnectorContext } from './context';
import { registryOf } from './registry';
import { createChannelService } from './service';

let core: TestCore;
let umask: number;
beforeEach(() => {
  umask = process.umask(0o022);
  core = tempCore();
});
afterEach(() => {
  core.dispose();
  process.umask(umask);
});

const quiet = { info: () => undefined, error: () => undefined };
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

describe("the channels' folders", () => {
  it('are made for their owner only: each account folder and the profile pictures', async () => {
    const root = accountDataRootFor(core.file);
    const dataDir = accountDataDir(root, 'whatsapp', 'loja');
    const avatarDir = avatarDirFor(core.file);
    const ctx = createConnectorContext(core, {
      channel: 'whatsapp',
      account: 'loja',
      config: {},
      secrets: {},
      dataDir,
      avatarDir,
      log: quiet,
      signal: new AbortController().signal,
    });
    expect([root, join(root, 'whatsapp'), dataDir].map(modeOf)).toEqual([
      OWNER_ONLY_FOLDER,
      OWNER_ONLY_FOLDER,
      OWNER_ONLY_FOLDER,
    ]);
    const saved = await ctx.saveAvatar('5511999998888@c.us', async () => PNG);
    expect(saved).toMatch(/^avatar:/);
    expect(modeOf(avatarDir)).toBe(OWNER_ONLY_FOLDER);
    expect(modeOf(join(avatarDir, saved!.slice('avatar:'.length)))).toBe(OWNER_ONLY_FILE);
  });

  // Windows has no mode bits for an older version to have left open: its ACLs keep a profile private.
  it.runIf(process.platform !== 'win32')(
    'an older version left readable are closed when the app starts, and nothing outside them',
    () => {
      const root = accountDataRootFor(core.file);
      const session = join(root, 'whatsapp', 'loja', 'session', 'Default');
      mkdirSync(session, { recursive: true });
      writeFileSync(join(session, 'Cookies'), 'x');
      const avatars = avatarDirFor(core.file);
      mkdirSync(avatars);
      writeFileSync(join(avatars, 'abc.img'), PNG);
      // A link from inside to a file of someone else's: followed by nobody.
      const outside = mkdtempSync(join(tmpdir(), 'clientela-outside-'));
      writeFileSync(join(outside, 'theirs.txt'), 'x');
      symlinkSync(join(outside, 'theirs.txt'), join(session, 'link'));
      try {
        createChannelService(core, { registry: registryOf([]), log: quiet });
        for (const folder of [root, join(root, 'whatsapp'), session, avatars])
          expect(modeOf(folder), folder).toBe(0o700);
        expect(modeOf(join(session, 'Cookies'))).toBe(0o600);
        expect(modeOf(join(avatars, 'abc.img'))).toBe(0o600);
        expect(modeOf(join(outside, 'theirs.txt'))).toBe(0o644);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    },
  );
});
