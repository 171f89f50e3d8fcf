import { dialog, type BrowserWindow } from 'electron';
import { z } from 'zod';

const Input = z.object({ title: z.string().max(200).optional() });

/**
 * "Choose…" beside the backup folder: the system's own folder dialog (a USB drive, a synced
 * Drive or OneDrive folder), so the path is one the person picked on this computer. Null when
 * cancelled.
 */
export async function chooseFolder(window: BrowserWindow, input: unknown): Promise<string | null> {
  const { title } = Input.parse(input ?? {});
  const choice = await dialog.showOpenDialog(window, {
    title,
    properties: ['openDirectory', 'createDirectory'],
  });
  const [path] = choice.filePaths;
  return choice.canceled || !path ? null : path;
}
