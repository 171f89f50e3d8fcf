/**
 * When WhatsApp refuses the number or the app (the library's `disconnected` reasons TOS_BLOCK,
 * SMB_TOS_BLOCK, PROXYBLOCK and DEPRECATED_VERSION, util/Constants.js WAState), reconnecting at
 * once changes nothing and knocking every minute looks worse to WhatsApp. The refusal is written
 * down in the account's folder, shown in words, and WhatsApp is asked again an hour later; starts
 * in between answer with the same words without opening a browser.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Texts } from './texts';

export type Refusal = keyof Texts['refused'];
const REFUSALS: readonly Refusal[] = [
  'TOS_BLOCK',
  'SMB_TOS_BLOCK',
  'PROXYBLOCK',
  'DEPRECATED_VERSION',
];

/** How long a refusal stands before WhatsApp is asked again. */
export const REFUSAL_PAUSE_MS = 60 * 60 * 1000;

/** Whether a disconnection reason is WhatsApp refusing the number or the app. */
export function isRefusal(reason: string): reason is Refusal {
  return (REFUSALS as readonly string[]).includes(reason);
}

/** The refusals of one account, kept in a file of its folder. */
export function refusalRecord(file: string) {
  return {
    /** The refusal still standing (younger than the pause), if any. */
    standing(now = Date.now()): Refusal | null {
      if (!existsSync(file)) return null;
      try {
        const { reason, at } = JSON.parse(readFileSync(file, 'utf8')) as {
          reason: string;
          at: string;
        };
        return isRefusal(reason) && now - Date.parse(at) < REFUSAL_PAUSE_MS ? reason : null;
      } catch {
        // An unreadable record stands for nothing: WhatsApp is simply asked.
        return null;
      }
    },
    record(reason: Refusal): void {
      writeFileSync(file, JSON.stringify({ reason, at: new Date().toISOString() }));
    },
    clear(): void {
      rmSync(file, { force: true });
    },
  };
}
