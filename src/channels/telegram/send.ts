/** An agent's message, sent to the chat it belongs to. */
import { setTimeout as sleep } from 'node:timers/promises';
import { TelegramApiError, type Api } from 'node-telegram-bot-api';
import { PermanentSendError, type OutboundMessage, type SendResult } from '../connector';
import { describeError, isPermanentRefusal, mayHaveArrived, TELEGRAM_API_ROOT } from './bot-api';
import { telegramTexts } from './texts';
import { telegramMessageId } from './translate';

/** How many times a reply Telegram refused with 429 (too many messages at once) is tried again. */
const FLOOD_RETRIES = 2;
/** The longest wait Telegram may ask for before the reply is marked failed instead. */
const MAX_FLOOD_WAIT_S = 60;

/**
 * Sends the text to the chat (`externalUserId` is the chat id: the person's id in a private chat).
 * Telegram lets a bot write only to people who have written to it, which is everyone we know.
 * `api` must not resend by itself (createApi's `resend: false`): sendMessage has no idempotency
 * key, so the one request tried again is one Telegram refused with 429, which it did not send.
 */
export async function sendText(
  api: Api,
  message: OutboundMessage,
  apiRoot: string | undefined,
  signal: AbortSignal,
): Promise<SendResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      const sent = await api.sendMessage(
        { chat_id: message.externalUserId, text: message.text },
        signal,
      );
      return { externalId: telegramMessageId(sent.chat.id, sent.message_id) };
    } catch (error) {
      const wait = error instanceof TelegramApiError && error.errorCode === 429 && error.retryAfter;
      if (wait && wait <= MAX_FLOOD_WAIT_S && attempt < FLOOD_RETRIES) {
        await sleep(wait * 1000, undefined, { signal });
        continue;
      }
      throw failureOf(error, apiRoot);
    }
  }
}

/** The reply's failure as the agent reads it beside the message. */
function failureOf(error: unknown, apiRoot: string | undefined): Error {
  if (mayHaveArrived(error))
    return new Error(telegramTexts().answerLost(new URL(apiRoot ?? TELEGRAM_API_ROOT).host));
  const reason = describeError(error, apiRoot);
  return isPermanentRefusal(error) ? new PermanentSendError(reason) : new Error(reason);
}
