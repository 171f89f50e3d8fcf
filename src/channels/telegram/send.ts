/** An agent's message, sent to the chat it belongs to. */
import type { Api } from 'node-telegram-bot-api';
import { PermanentSendError, type OutboundMessage, type SendResult } from '../connector';
import { describeError, isPermanentRefusal } from './bot-api';
import { telegramMessageId } from './translate';

/**
 * Sends the text to the chat (`externalUserId` is the chat id: the person's id in a private chat).
 * Telegram lets a bot write only to people who have written to it, which is everyone we know.
 */
export async function sendText(
  api: Api,
  message: OutboundMessage,
  apiRoot: string | undefined,
  signal: AbortSignal,
): Promise<SendResult> {
  try {
    const sent = await api.sendMessage(
      { chat_id: message.externalUserId, text: message.text },
      signal,
    );
    return { externalId: telegramMessageId(sent.chat.id, sent.message_id) };
  } catch (error) {
    const reason = describeError(error, apiRoot);
    throw isPermanentRefusal(error) ? new PermanentSendError(reason) : new Error(reason);
  }
}
