import { ipcMain, type BrowserWindow } from 'electron';
import { ApiError } from '../src/api/errors';
import { createHandlers, invoke } from '../src/api/handlers';
import type { ChannelService } from '../src/channels/service';
import type { Core } from '../src/core';
import { texts } from '../src/i18n/texts';
import { exportToChosenFile } from './export';
import { EVENTS_CHANNEL, INVOKE_CHANNEL, type InvokeResult } from './ipc-channels';
import type { Logger } from './logger';

/** A call only the main process can answer (a dialog, a server of its own). */
export type DesktopCall = (win: BrowserWindow, input: unknown) => Promise<unknown>;

/**
 * Serves the core's handler table on IPC, to our own window only, plus the few `desktop.*` calls
 * that need the main process (the save dialog, and `more`). Errors travel as data: Electron drops
 * their fields.
 */
export function serveIpc(
  core: Core,
  channels: ChannelService,
  window: () => BrowserWindow | undefined,
  log: Logger,
  more: Record<`desktop.${string}`, DesktopCall> = {},
): void {
  // The window is this computer's own: what host mode may not change, the owner may here.
  const handlers = createHandlers(core, channels, { from: 'local' });
  const send = (events: readonly unknown[]) => window()?.webContents.send(EVENTS_CHANNEL, events);
  const desktop: Record<string, DesktopCall> = {
    'desktop.exportCustomers': (win, input) =>
      exportToChosenFile(core, win, input, (done, total) =>
        send([{ type: 'export.progress', done, total }]),
      ),
    ...more,
  };

  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event, method: unknown, input: unknown): Promise<InvokeResult> => {
      const win = window();
      if (!win || event.sender !== win.webContents)
        return { ok: false, error: { code: 'forbidden', message: 'Not allowed' } };
      try {
        const name = String(method);
        const value = Object.hasOwn(desktop, name)
          ? await desktop[name]!(win, input)
          : await invoke(handlers, name, input);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof ApiError)
          return { ok: false, error: { code: error.code, message: error.message } };
        log.error(`${String(method)} failed`, error);
        return {
          ok: false,
          error: { code: 'internal', message: texts().internalError },
        };
      }
    },
  );
  core.bus.subscribe((events) => send(events));
}
