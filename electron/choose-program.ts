import { dialog, type BrowserWindow } from 'electron';
import { z } from 'zod';
import { programInBundle } from '../src/channels/program-path';

const Input = z.object({ title: z.string().max(200).optional() });

/** Where each system keeps its programs: where the dialog opens. */
const PROGRAMS: Partial<Record<NodeJS.Platform, string>> = {
  win32: process.env['ProgramFiles'] ?? 'C:\\Program Files',
  darwin: '/Applications',
  linux: '/usr/bin',
};

/**
 * "Choose…" beside a setting that names a program (the browser WhatsApp runs in): the system's
 * own open dialog, so the path is one the person picked on this computer. Null when cancelled.
 */
export async function chooseProgram(window: BrowserWindow, input: unknown): Promise<string | null> {
  const { title } = Input.parse(input ?? {});
  const choice = await dialog.showOpenDialog(window, {
    title,
    defaultPath: PROGRAMS[process.platform],
    properties: ['openFile'],
    ...(process.platform === 'win32' && {
      filters: [{ name: 'Programs', extensions: ['exe'] }],
    }),
  });
  const [path] = choice.filePaths;
  return choice.canceled || !path ? null : programInBundle(path);
}
