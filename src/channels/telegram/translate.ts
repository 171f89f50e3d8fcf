/**
 * Telegram's updates as InboundEvents. A private chat is a conversation with the person; a group,
 * supergroup or channel (when the account includes them) is one conversation named after the chat,
 * each line prefixed with who wrote it. Either way `externalUserId` is the chat id, which is what
 * sendMessage needs to answer (in a private chat it equals the person's user id).
 */
import type { Chat, Message, Update, User } from 'node-telegram-bot-api';
import type { Language } from '../../i18n/language';
import type { InboundEvent } from '../../inbox/inbound-event';
import { telegramTexts } from './texts';

export interface TranslateOptions {
  account: string;
  includeGroups: boolean;
  /** The language of placeholders such as "[Photo]": the app's, when the message arrives. */
  language: Language;
}

/** "[Label: detail] caption", leaving out whatever is missing. */
function placeholder(label: string, detail?: string | null, caption?: string | null): string {
  const head = detail ? `[${label}: ${detail}]` : `[${label}]`;
  return caption ? `${head} ${caption}` : head;
}

/** "0:42" */
function duration(seconds: number | undefined): string | null {
  if (seconds === undefined) return null;
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

const joinName = (...parts: (string | undefined)[]) => parts.filter(Boolean).join(' ').trim();

/**
 * What a message says, as text: its text, or a readable placeholder for media and the rest.
 * Null for service messages (someone joined, the title changed) that are not part of a conversation.
 */
export function messageText(message: Message, language: Language): string | null {
  const label = telegramTexts.in(language).labels;
  const caption = message.caption;
  if (message.text !== undefined) return message.text;
  if (message.photo) return placeholder(label.photo, null, caption);
  if (message.video) return placeholder(label.video, message.video.file_name, caption);
  if (message.video_note)
    return placeholder(label.videoNote, duration(message.video_note.duration));
  if (message.animation) return placeholder(label.animation, null, caption);
  if (message.voice) return placeholder(label.voice, duration(message.voice.duration), caption);
  if (message.audio) {
    const { performer, title, file_name } = message.audio;
    const name = title ? [performer, title].filter(Boolean).join(' – ') : file_name;
    return placeholder(label.audio, name, caption);
  }
  if (message.document) return placeholder(label.document, message.document.file_name, caption);
  if (message.sticker) return placeholder(label.sticker, message.sticker.emoji);
  if (message.venue) {
    const { title, address } = message.venue;
    return placeholder(label.venue, [title, address].filter(Boolean).join(', '));
  }
  if (message.location) {
    const { latitude, longitude } = message.location;
    return placeholder(label.location, `${latitude}, ${longitude}`);
  }
  if (message.contact) {
    const { first_name, last_name, phone_number } = message.contact;
    return placeholder(label.contact, [joinName(first_name, last_name), phone_number].join(', '));
  }
  if (message.poll) return placeholder(label.poll, message.poll.question);
  if (message.dice) return placeholder(label.dice, `${message.dice.emoji} ${message.dice.value}`);
  if (message.game) return placeholder(label.game, message.game.title);
  if (message.story) return placeholder(label.story);
  if (isServiceMessage(message)) return null;
  return placeholder(label.other);
}

/** Messages Telegram writes about the chat itself, not from a person to the business. */
function isServiceMessage(message: Message): boolean {
  return Boolean(
    message.new_chat_members ||
    message.left_chat_member ||
    message.new_chat_title ||
    message.new_chat_photo ||
    message.delete_chat_photo ||
    message.group_chat_created ||
    message.supergroup_chat_created ||
    message.channel_chat_created ||
    message.migrate_to_chat_id ||
    message.migrate_from_chat_id ||
    message.pinned_message ||
    message.message_auto_delete_timer_changed,
  );
}

/** "Maria Souza", from a person's first and last name. */
export function personName(user: Pick<User, 'first_name' | 'last_name'>): string {
  return joinName(user.first_name, user.last_name);
}

/** Who wrote a line in a group: the person, the chat posting as itself, or a channel's signature. */
function authorOf(message: Message): string | null {
  if (message.from) return personName(message.from);
  return message.author_signature ?? message.sender_chat?.title ?? null;
}

/** The message of an update that can start or continue a conversation, if any. */
function incomingMessage(update: Update): Message | null {
  if ('message' in update) return update.message;
  if ('channel_post' in update) return update.channel_post;
  // Edits, reactions, button presses...: not new messages. Their updates still move the cursor.
  return null;
}

/** Who the conversation is with, as InboundEvent profile fields. */
function counterpart(chat: Chat, from: User | undefined) {
  if (chat.type === 'private') {
    return {
      displayName:
        personName(from ?? { first_name: chat.first_name ?? '', last_name: chat.last_name }) ||
        null,
      username: chat.username ?? from?.username ?? null,
      language: from?.language_code ?? null,
    };
  }
  return { displayName: chat.title ?? null, username: chat.username ?? null, language: null };
}

/** A message's id in the store: Telegram numbers messages per chat, so the chat is part of it. */
export function telegramMessageId(chatId: number, messageId: number): string {
  return `${chatId}:${messageId}`;
}

/** One update as an InboundEvent; null when it is not a message the account keeps. */
export function translateUpdate(update: Update, options: TranslateOptions): InboundEvent | null {
  const message = incomingMessage(update);
  if (!message) return null;
  const { chat } = message;
  const isPrivate = chat.type === 'private';
  if (!isPrivate && !options.includeGroups) return null;
  const content = messageText(message, options.language);
  if (content === null) return null;
  const author = isPrivate ? null : authorOf(message);
  return {
    channel: 'telegram',
    account: options.account,
    direction: 'in',
    messageId: telegramMessageId(chat.id, message.message_id),
    externalUserId: String(chat.id),
    ...counterpart(chat, message.from),
    text: author ? `${author}: ${content}` : content,
    timestamp: new Date(message.date * 1000).toISOString(),
  };
}
