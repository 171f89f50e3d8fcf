/**
 * The import rules of eslint.config.js, as `npm run lint` applies them: an import that runs back
 * up a floor, reaches a test double from production code, or crosses from one channel into
 * another fails; imports down the floors, of packages, and of doubles by tests pass. Each case is
 * linted as if it were a file at that path. And the one shape every channel folder has.
 */
import { ESLint } from 'eslint';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHANNELS } from './shared/domain';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('..', import.meta.url)) });

/** The messages of the import rule for one line of code in a file at `path`. */
async function importProblems(path: string, line: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${line}\nexport const used = x;\n`, { filePath: path });
  return result!.messages
    .filter((message) => message.ruleId === 'no-restricted-imports')
    .map((message) => message.message);
}

describe('the floors of src/', () => {
  it.each([
    ['src/customers/bad.ts', "import { x } from '../core';", 'core.ts is above it'],
    ['src/db/bad.ts', "import { x } from '../customers/profile';", 'domain is above it'],
    ['src/shared/bad.ts', "import { x } from '../api/errors';", 'api is above it'],
    ['src/shared/bad.ts', "import { x } from '../i18n/texts';", 'i18n is above it'],
    ['src/shared/bad.ts', "import { x } from '../http/json';", 'http is above it'],
    ['src/http/bad.ts', "import { x } from '../api/errors';", 'api is above it'],
    ['src/api/bad.ts', "import { x } from '../handlers';", 'top is above it'],
    ['src/events/bad.ts', "import { x } from '../inbox/ingest';", 'domain is above it'],
    ['src/inbox/bad.ts', "import { x } from '../channels/service';", 'channels is above it'],
    ['src/channels/sms/bad.ts', "import { x } from '../../server/auth';", 'top is above it'],
    ['src/channels/bad.ts', "export { x } from '../workspace/workspace';", 'top is above it'],
    ['src/inbox/bad.ts', "import { x } from '../../electron/ipc';", 'never imports the desktop'],
    ['src/new-folder/bad.ts', "import { x } from '../shared/text';", 'on no floor'],
  ])('%s: %s fails', async (path, line, why) => {
    expect(await importProblems(path, line)).toEqual([expect.stringContaining(why)]);
  });

  it.each([
    ['src/customers/ok.ts', "import { x } from '../db/open';"],
    ['src/customers/ok.ts', "import { x } from '../events/event-bus';"],
    ['src/customers/ok.ts', "import { x } from '../conversations/service';"],
    ['src/channels/sms/ok.ts', "import { x } from '../../core';"],
    ['src/channels/sms/ok.ts', "import { x } from '../connector';"],
    ['src/server/ok.ts', "import { x } from '../handlers';"],
    ['src/channels/webchat/ok.ts', "import { x } from '../../http/files';"],
    // A package's path is no floor of ours, whatever its last word.
    ['src/shared/ok.ts', "import { x } from 'libphonenumber-js/core';"],
    // Tests assemble the whole core from any floor.
    ['src/db/ok.test.ts', "import { x } from '../core';"],
  ])('%s: %s passes', async (path, line) => {
    expect(await importProblems(path, line)).toEqual([]);
  });
});

describe('test doubles and neighbours', () => {
  it.each([
    ['src/channels/sms/bad.ts', "import { x } from './testing/android-gateway-emulator';"],
    ['src/cli.ts', "import { x } from './testing/fixtures';"],
    ['electron/bad.ts', "import { x } from './testing/electron';"],
    ['renderer/src/bad.ts', "import { x } from './testing/anything';"],
  ])('%s: %s fails, being production code', async (path, line) => {
    expect(await importProblems(path, line)).toEqual([
      expect.stringContaining('Test doubles (testing/ folders) are for tests only'),
    ]);
  });

  it.each([
    ['src/channels/sms/ok.test.ts', "import { x } from './testing/android-gateway-emulator';"],
    ['src/channels/whatsapp/testing/ok.ts', "import { x } from '../../testing/recording';"],
    ['electron/ok.test.ts', "import { x } from './testing/electron';"],
  ])('%s: %s passes, being test code', async (path, line) => {
    expect(await importProblems(path, line)).toEqual([]);
  });

  it('fails a channel that imports another channel', async () => {
    expect(
      await importProblems('src/channels/sms/bad.ts', "import { x } from '../whatsapp/ids';"),
    ).toEqual([expect.stringContaining("A channel's folder imports no other channel's")]);
  });

  it('fails the core or its tests importing electron or react', async () => {
    for (const path of ['src/server/bad.ts', 'src/server/bad.test.ts'])
      expect(await importProblems(path, "import { x } from 'electron';")).toEqual([
        expect.stringContaining('never imports electron or react'),
      ]);
  });
});

describe('the renderer', () => {
  it('imports the contract and what src/shared shares with it', async () => {
    for (const line of [
      "import type { x } from '../../src/api/types';",
      "import { x } from '../../../src/shared/phone-format';",
    ])
      expect(await importProblems('renderer/src/store/ok.ts', line)).toEqual([]);
  });

  it.each([
    "import { x } from '../../src/core';",
    "import { x } from '../../src/customers/phone';",
    "import { x } from '../../src/i18n/texts';",
    "import { x } from '../../electron/preload';",
  ])('fails %s', async (line) => {
    expect(await importProblems('renderer/src/bad.ts', line)).toEqual([
      expect.stringContaining('The renderer imports only src/api and src/shared'),
    ]);
  });
});

describe('the channels', () => {
  /** The files every channel folder has, each for the same job (docs/architecture.md). */
  const SHAPE = ['config.ts', 'connector.ts', 'driver.ts', 'texts.ts', 'translate.ts'];

  it.each(CHANNELS)(
    '%s has the one shape of a channel folder, and its doubles in testing/',
    (channel) => {
      const files = readdirSync(new URL(`./channels/${channel}/`, import.meta.url));
      expect(SHAPE.filter((file) => !files.includes(file))).toEqual([]);
      expect(files).toContain('testing');
    },
  );
});
