/**
 * "Export" in the desktop app: the system's save dialog offers the format's file name, the core
 * writes the chosen file as it reads, and progress reaches the window.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readXlsx } from '../src/customers/xlsx-read';
import { EVENTS_CHANNEL } from './ipc-channels';
import { startTestDesktop, type TestDesktop } from './testing/desktop';
import { world } from './testing/electron';

let running: TestDesktop;
beforeEach(async () => {
  running = await startTestDesktop();
});
afterEach(() => running.dispose());

const call = (method: string, input?: unknown) => running.invoke(method, input);

describe('exporting from the desktop app', () => {
  it('saves an Excel workbook where the person chose, offering a .xlsx name', async () => {
    await call('customers.create', { displayName: 'Conceição', phone: '+55 11 97777-1111' });
    world.saveAs = join(running.userData, 'clientes.xlsx');
    expect(await call('desktop.exportCustomers', { format: 'xlsx', language: 'pt-BR' })).toEqual({
      ok: true,
      value: { rows: 1, path: world.saveAs },
    });
    expect(world.dialogs.at(-1)?.title).toMatch(/clientela-clientes-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const rows = [...readXlsx(readFileSync(world.saveAs))].map((r) => r.cells.slice(1, 3));
    expect(rows).toEqual([
      ['nome', 'telefones'],
      ['Conceição', '+55 11 97777-1111'],
    ]);
    expect(running.window().webContents.sent.at(-1)).toEqual({
      channel: EVENTS_CHANNEL,
      args: [[{ type: 'export.progress', done: 1, total: 1 }]],
    });
  });

  it('writes nothing when the dialog is cancelled, and refuses a format it does not know', async () => {
    world.saveAs = null;
    expect(await call('desktop.exportCustomers', { format: 'xlsx' })).toEqual({
      ok: true,
      value: null,
    });
    expect(await call('desktop.exportCustomers', { format: 'pdf' })).toMatchObject({ ok: false });
  });
});
