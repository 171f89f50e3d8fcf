import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/errors';
import { invoke } from '../api/invoke';
import { createHandlers } from '../handlers';
import { openCore, type Core } from '../core';
import { tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import { settingsFromEnvironment } from './environment';

let owner: TestCore | undefined;
let reopened: Core | undefined;
afterEach(() => {
  reopened?.close();
  owner?.dispose();
  owner = reopened = undefined;
});

const stored = (core: Core) =>
  core.db.prepare('SELECT key, value FROM settings ORDER BY key').all() as {
    key: string;
    value: string;
  }[];

describe("the seed's switches in the environment", () => {
  it('read true or false (1 or 0, any case); unset or empty leave the setting to the owner', () => {
    expect(
      settingsFromEnvironment({
        CUSTOMER_AUTO_CREATION_ENABLED: ' FALSE ',
        WHATSAPP_PROFILE_PICTURE_FETCH_ENABLED: '1',
      }),
    ).toEqual({
      overrides: {
        values: { autoCreateCustomers: false, fetchProfilePictures: true },
        fixedBy: {
          autoCreateCustomers: 'CUSTOMER_AUTO_CREATION_ENABLED',
          fetchProfilePictures: 'WHATSAPP_PROFILE_PICTURE_FETCH_ENABLED',
        },
      },
      problems: [],
    });
    expect(settingsFromEnvironment({ CUSTOMER_AUTO_CREATION_ENABLED: '' })).toEqual({
      overrides: { values: {}, fixedBy: {} },
      problems: [],
    });
    expect(settingsFromEnvironment({ WHATSAPP_PROFILE_PICTURE_FETCH_ENABLED: 'sim' })).toEqual({
      overrides: { values: {}, fixedBy: {} },
      problems: ['WHATSAPP_PROFILE_PICTURE_FETCH_ENABLED must be true or false, not "sim"'],
    });
  });

  it('hold while the process runs, refuse a change, and are never stored as the owner’s choice', async () => {
    owner = tempCore();
    const before = stored(owner);
    owner.close();
    const { overrides } = settingsFromEnvironment({ CUSTOMER_AUTO_CREATION_ENABLED: 'false' });
    reopened = openCore(owner.file, { settingsOverrides: overrides });
    const core = reopened;
    expect(core.settings.get().autoCreateCustomers).toBe(false);

    // Honoured: a person who writes is kept, with their message, and made no customer.
    core.inbox.ingest(whatsapp('5511999998888', { displayName: 'Maria Souza' }));
    expect(core.customers.stats.stats(core.now(), 'UTC').totalCustomers).toBe(0);
    expect(core.conversations.list({ limit: 5 }).items).toHaveLength(1);

    // Shown as fixed, and a change to it refused with the variable's name, changing nothing.
    const handlers = createHandlers(core, undefined, { from: 'local' });
    expect(await invoke(handlers, 'settings.environment', {})).toMatchObject({
      fixedBy: { autoCreateCustomers: 'CUSTOMER_AUTO_CREATION_ENABLED' },
    });
    const refused = await invoke(handlers, 'settings.update', {
      autoCreateCustomers: true,
      language: 'pt-BR',
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect(refused).toMatchObject({
      code: 'conflict',
      message:
        'Set by the environment variable CUSTOMER_AUTO_CREATION_ENABLED when Clientela started: change it there and restart Clientela',
    });
    expect(stored(core)).toEqual(before);
    // The value it already has is no change: the rest of the patch is saved, that key is not.
    await invoke(handlers, 'settings.update', { autoCreateCustomers: false, csvDelimiter: ';' });
    expect(stored(core)).toEqual(
      [...before, { key: 'csvDelimiter', value: '";"' }].sort((a, b) => a.key.localeCompare(b.key)),
    );
    expect(core.settings.get()).toMatchObject({ autoCreateCustomers: false, csvDelimiter: ';' });
    core.close();

    // Started without it, the owner's own choice is back.
    reopened = openCore(owner.file);
    expect(reopened.settings.get()).toMatchObject({ autoCreateCustomers: true, csvDelimiter: ';' });
    expect(await invoke(createHandlers(reopened), 'settings.environment', {})).toMatchObject({
      fixedBy: {},
    });
  });
});
