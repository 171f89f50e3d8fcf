/**
 * Settings' backups, in the desktop window (the preload's bridge played in the page, answered by
 * the workspace's own handler table as electron/ipc.ts answers it) and in a browser over host mode,
 * where taking or restoring one is refused.
 */
import type { Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../src/api/errors';
import { invoke } from '../src/api/invoke';
import { createChannelService } from '../src/channels/service';
import { openCore } from '../src/core';
import { serveWorkspace } from '../src/server/serve-workspace';
import { openWorkspace, type Workspace } from '../src/workspace/workspace';
import { playDesktopBridge } from './desktop-bridge';
import { expect, screenshot, test as base, whatsappMessage } from './fixtures';

const STATIC_DIR = join(import.meta.dirname, '..', 'out', 'renderer');
const DAY = 86_400_000;

interface Shop {
  dir: string;
  workspace: Workspace;
  /** The core's clock, moved by the tests (a backup taken days ago). */
  clock: { offset: number };
  /** The address host mode prints, with its token. */
  url: string;
  /** What the folder dialog answers next ("Choose…"). */
  chosenFolder: { path: string | null };
}

const test = base.extend<{ shop: Shop }>({
  // eslint-disable-next-line no-empty-pattern
  shop: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'clientela-e2e-backup-'));
    const clock = { offset: 0 };
    const workspace = openWorkspace({
      file: join(dir, 'clientela.db'),
      open: (file) => openCore(file, { now: () => Date.now() + clock.offset }),
      channels: (core) => createChannelService(core, { log: { info: () => {}, error: () => {} } }),
    });
    workspace.core.settings.update({ language: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    for (const [digits, name] of [
      ['5511999998888', 'Maria Souza'],
      ['5521988887777', 'João Lima'],
    ] as const)
      workspace.core.inbox.ingest(whatsappMessage(digits, { name }));
    const server = await serveWorkspace(workspace, { port: 0, staticDir: STATIC_DIR });
    await use({ dir, workspace, clock, url: server.url, chosenFolder: { path: null } });
    await server.close();
    await workspace.close();
    rmSync(dir, { recursive: true, force: true });
  },
});

/** Opens the app as the desktop window runs it, on Settings. */
async function desktopSettings(page: Page, shop: Shop): Promise<void> {
  const send = await playDesktopBridge(page, async (method, input) => {
    try {
      const value =
        method === 'desktop.chooseFolder'
          ? shop.chosenFolder.path
          : await invoke(shop.workspace.handlers.local, method, input);
      return { ok: true, value };
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return { ok: false, error: { code: error.code, message: error.message } };
    }
  });
  shop.workspace.subscribe((events) => void send([...events]));
  shop.workspace.onSwitch(() => void send([{ type: 'connection', online: true }]));
  await page.goto(shop.url);
  await page
    .getByRole('navigation')
    .getByRole('button', { name: /Configurações|Settings/ })
    .click();
}

const backups = (page: Page) => page.getByRole('region', { name: /Backups/ });

/** A screenshot with the backups' section in view. */
async function shot(page: Page, name: string): Promise<void> {
  await backups(page).evaluate((section) => section.scrollIntoView({ block: 'end' }));
  await screenshot(page, name);
}

test('Settings: back up now, the last backup shown, and the warnings', async ({ page, shop }) => {
  await desktopSettings(page, shop);
  const section = backups(page);
  const warning = section.locator('.backup-warning');
  await expect(warning).toHaveText('Ainda não há nenhum backup. Faça um agora.');
  await expect(section.getByText('Nenhum backup ainda.')).toBeVisible();
  await expect(section.getByText(join(shop.dir, 'backups'))).toBeVisible();

  // Taken three days ago, as far as the core knows.
  shop.clock.offset = -3 * DAY;
  await section.getByRole('button', { name: 'Fazer backup agora' }).click();
  await expect(section.locator('.notice')).toHaveText(/^Backup feito: \d+(,\d)? MB\.$/);
  await expect(warning).toHaveCount(0);
  await expect(section.getByText(/^Último backup: \d\d\/\d\d\/\d{4}, \d\d:\d\d · /)).toBeVisible();
  await expect(section.getByRole('listitem')).toHaveCount(1);
  await shot(page, 'settings-backup');

  // Three days later, with no backup since: amber.
  shop.clock.offset = 0;
  await page.reload();
  await page.getByRole('navigation').getByRole('button', { name: 'Configurações' }).click();
  await expect(backups(page).locator('.backup-warning')).toContainText(
    'O último backup foi feito há 3 dias, há mais de dois dias',
  );
  await shot(page, 'settings-backup-old');

  // The chosen folder is a file (a drive gone would be like it): the backup fails, in red, and says why.
  writeFileSync(join(shop.dir, 'pendrive'), '');
  shop.chosenFolder.path = join(shop.dir, 'pendrive');
  await backups(page).getByRole('button', { name: 'Escolher…' }).click();
  await expect(backups(page).getByText(join(shop.dir, 'pendrive'), { exact: true })).toBeVisible();
  await backups(page).getByRole('button', { name: 'Fazer backup agora' }).click();
  const failed = backups(page).getByRole('alert');
  await expect(failed).toHaveClass(/backup-warning failed/);
  await expect(failed).toContainText('O último backup falhou (');
  await expect(failed).toContainText(
    `Não foi possível gravar o backup em ${join(shop.dir, 'pendrive')}: é um arquivo, não uma pasta`,
  );
  await shot(page, 'settings-backup-failed');
});

test('Settings: a backup restored in English and dark, the replaced data kept', async ({
  page,
  shop,
}) => {
  shop.workspace.core.settings.update({ language: 'en' });
  await page.emulateMedia({ colorScheme: 'dark' });
  await shop.workspace.core.backups.run();
  shop.workspace.core.inbox.ingest(whatsappMessage('5531977776666', { name: 'Ana Costa' }));
  await desktopSettings(page, shop);
  const section = backups(page);
  await section.getByRole('listitem').getByRole('button', { name: 'Restore' }).click();
  const dialog = page.getByRole('dialog', { name: /^Restore the backup of / });
  await expect(dialog).toBeVisible();
  await shot(page, 'settings-backup-restore-en-dark');
  await dialog.getByRole('button', { name: 'Restore' }).click();
  await expect(section.locator('.notice')).toContainText(
    `Backup restored. The data it replaced is kept in ${join(shop.dir, 'clientela.before-restore-')}`,
  );
  await shot(page, 'settings-backup-en-dark');
  await page.getByRole('navigation').getByRole('button', { name: 'Customers' }).click();
  await expect(page.getByText('Maria Souza')).toBeVisible();
  await expect(page.getByText('Ana Costa')).toHaveCount(0);
});

test('in a browser over host mode, backups are shown and neither taken nor restored', async ({
  page,
  shop,
}) => {
  const set = await shop.workspace.core.backups.run();
  await page.goto(shop.url);
  await page.getByRole('navigation').getByRole('button', { name: 'Configurações' }).click();
  const section = backups(page);
  await expect(section.getByText(/^Último backup: /)).toBeVisible();
  await expect(
    section.getByText(
      'Os backups são feitos e restaurados no próprio computador do Clientela (em Configurações, no aplicativo de lá).',
    ),
  ).toBeVisible();
  await expect(section.getByRole('button')).toHaveCount(0);
  // Asked for anyway, through the API: refused, and nothing changes.
  for (const [method, body] of [
    ['backup.run', {}],
    ['backup.restore', { from: set.path }],
    ['settings.update', { backupFolder: '/tmp/elsewhere' }],
  ] as const) {
    const response = await page.request.post(`${new URL(shop.url).origin}/api/rpc/${method}`, {
      data: body,
    });
    expect(response.status()).toBe(403);
  }
  expect(shop.workspace.core.backups.status().sets).toEqual([set]);
  expect(shop.workspace.core.settings.get().backupFolder).toBeNull();
});
