import { ipcMain, type BrowserWindow } from 'electron';
import { ApiError } from '../src/api/errors';
import { invoke } from '../src/api/invoke';
import { texts } from '../src/i18n/texts';
import type { Workspace } from '../src/workspace/workspace';
import { exportCustomerDataToChosenFile, exportToChosenFile } from './export';
import { EVENTS_CHANNEL, INVOKE_CHANNEL, type InvokeResult } from './ipc-channels';
import type { Logger } from './logger';
import { isTrustedSender } from './security';

/** A call only the main process can answer (a dialog, a server of its own). */
export type DesktopCall = (win: BrowserWindow, input: unknown) => Promise<unknown>;

export interface IpcOptions {
  window: () => BrowserWindow | undefined;
  /** The app's page: calls from anything else are refused. */
  appUrl: string;
  log: Logger;
  /** `desktop.*` calls beside the save dialog's. */
  more?: Record<`desktop.${string}`, DesktopCall>;
}

/**
 * Serves the open database's handler table on IPC, to the app's own page only, plus the few
 * `desktop.*` calls that need the main process (the save dialog, and `more`), and sends the
 * database's events to the window. Errors travel as data: Electron drops their fields.
 */
export function serveIpc(workspace: Workspace, options: IpcOptions): void {
  const { window, log } = options;
  const send = (events: readonly unknown[]) => {
    const win = window();
    if (win && !win.isDestroyed()) win.webContents.send(EVENTS_CHANNEL, events);
  };
  const desktop: Record<string, DesktopCall> = {
    'desktop.exportCustomers': (win, input) =>
      exportToChosenFile(workspace.core, win, input, (done, total) =>
        send([{ type: 'export.progress', done, total }]),
      ),
    'desktop.exportCustomerData': (win, input) =>
      exportCustomerDataToChosenFile(workspace.core, win, input),
    ...options.more,
  };

  // The window is this computer's own: what host mode may not change, the owner may here.
  ipcMain.handle(
    INVOKE_CHANNEL,
    async (event, method: unknown, input: unknown): Promise<InvokeResult> => {
      const win = window();
      if (!win || !isTrustedSender(event, win, options.appUrl))
        return { ok: false, error: { code: 'forbidden', message: 'Not allowed' } };
      try {
        const name = String(method);
        const value = Object.hasOwn(desktop, name)
          ? await desktop[name]!(win, input)
          : await invoke(workspace.handlers.local, name, input);
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
  workspace.subscribe(send);
  // Another database now (the demo, or back): the page fetches everything again, as after a
  // dropped connection.
  workspace.onSwitch(() => send([{ type: 'connection', online: true }]));
}
