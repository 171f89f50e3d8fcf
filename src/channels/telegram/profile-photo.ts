/**
 * A person's Telegram profile photo: getUserProfilePhotos names it, getFile gives its path, and
 * the bytes come from the file URL, which holds the bot token. That URL is built and used here
 * and nowhere else: it is never returned, logged or put in an error.
 */
import type { Api, PhotoSize } from 'node-telegram-bot-api';
import type { InboundEvent } from '../../inbox/inbound-event';
import type { ConnectorContext } from '../connector';
import { TELEGRAM_API_ROOT } from './bot-api';

/** Fetches a file of the bot's by the `file_path` getFile returned. */
export type FileDownloader = (filePath: string, signal: AbortSignal) => Promise<Uint8Array>;

/** Avatars are shown small; 320 px is sharp on a high-density screen without wasting space. */
const WANTED_WIDTH = 320;

/** The smallest size at least WANTED_WIDTH wide, else the largest there is. */
export function pickSize(sizes: readonly PhotoSize[]): PhotoSize | null {
  const byWidth = [...sizes].sort((a, b) => a.width - b.width);
  return byWidth.find((s) => s.width >= WANTED_WIDTH) ?? byWidth.at(-1) ?? null;
}

/** Downloads files from the bot's API server (`/file/bot<token>/<file_path>`, as Telegram documents). */
export function createFileDownloader(token: string, apiRoot: string | undefined): FileDownloader {
  const root = (apiRoot ?? TELEGRAM_API_ROOT).replace(/\/+$/, '');
  return async (filePath, signal) => {
    // A local Bot API server started with --local answers with a path on its own disk instead.
    if (filePath.startsWith('/')) throw new Error('The Bot API server gave a local file path');
    const path = filePath.split('/').map(encodeURIComponent).join('/');
    const response = await fetch(`${root}/file/bot${token}/${path}`, { signal }).catch(() => {
      // fetch's own errors may quote the URL: none of them goes further than here.
      throw new Error('The photo download failed: the server could not be reached');
    });
    if (!response.ok) throw new Error(`The photo download failed (HTTP ${response.status})`);
    return new Uint8Array(await response.arrayBuffer());
  };
}

/**
 * The person's current profile photo; empty when they have none or show it to nobody, which the
 * avatar cache takes as "no picture".
 */
export async function downloadProfilePhoto(
  api: Api,
  download: FileDownloader,
  userId: number,
  signal: AbortSignal,
): Promise<Uint8Array> {
  const { photos } = await api.getUserProfilePhotos({ user_id: userId, limit: 1 }, signal);
  const size = pickSize(photos[0] ?? []);
  if (!size) return new Uint8Array();
  const file = await api.getFile({ file_id: size.file_id }, signal);
  if (!file.file_path) return new Uint8Array();
  return download(file.file_path, signal);
}

/** A picture download may not hold up the messages it comes with for longer than this. */
const PHOTO_TIMEOUT_MS = 15_000;

/**
 * Adds each person's profile picture to their first message of this run: fetched at most once per
 * person while the account runs, not on every message. Telegram user ids are positive and group
 * and channel ids negative, so groups (which have no profile photo of a person) are skipped.
 */
export function createPhotoAttacher(
  ctx: Pick<ConnectorContext<unknown>, 'saveAvatar' | 'signal'>,
  api: Api,
  download: FileDownloader,
): (events: InboundEvent[]) => Promise<void> {
  const tried = new Set<string>();
  return async (events) => {
    // Stopping: the batch is stored at once, pictures wait for the next run.
    if (ctx.signal.aborted) return;
    const firsts = events.filter((e) => {
      if (tried.has(e.externalUserId) || !(Number(e.externalUserId) > 0)) return false;
      tried.add(e.externalUserId);
      return true;
    });
    await Promise.all(
      firsts.map(async (event) => {
        const signal = AbortSignal.any([ctx.signal, AbortSignal.timeout(PHOTO_TIMEOUT_MS)]);
        const picture = await ctx.saveAvatar(event.externalUserId, () =>
          downloadProfilePhoto(api, download, Number(event.externalUserId), signal),
        );
        if (picture) event.profilePictureUrl = picture;
      }),
    );
  };
}
