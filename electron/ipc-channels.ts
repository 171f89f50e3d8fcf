/** The only two IPC channels between the window and the main process. */
export const INVOKE_CHANNEL = 'clientela:invoke';
export const EVENTS_CHANNEL = 'clientela:events';

/** What an invoke returns over IPC: errors travel as data, since Electron drops their fields. */
export type InvokeResult =
  { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
