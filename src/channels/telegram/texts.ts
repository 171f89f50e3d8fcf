/**
 * The words a Telegram account writes into the store or shows on the Channels page: placeholders
 * for media become message text for good; errors are shown beside an account or a message.
 */
import { defineTexts } from '../../i18n/catalogue';

export interface TelegramTexts {
  /** "[Photo]", "[Voice message: 0:42]"... */
  labels: {
    photo: string;
    video: string;
    videoNote: string;
    animation: string;
    voice: string;
    audio: string;
    document: string;
    sticker: string;
    location: string;
    venue: string;
    contact: string;
    poll: string;
    dice: string;
    game: string;
    story: string;
    other: string;
  };
  tokenRefused: string;
  blocked: string;
  refused(code: number, description: string): string;
  noAnswer(host: string): string;
  /** A reply sent whose answer never came back: Telegram may have delivered it. */
  answerLost(host: string): string;
  notBotApi(host: string): string;
  serverFailed(host: string, message: string): string;
  unreachable(host: string, code: string | null): string;
  notStored(why: string): string;
  apiRootInvalid: string;
  tokenRequired: string;
  tokenShape: string;
}

const PT: TelegramTexts = {
  labels: {
    photo: 'Foto',
    video: 'Vídeo',
    videoNote: 'Mensagem de vídeo',
    animation: 'GIF',
    voice: 'Mensagem de voz',
    audio: 'Áudio',
    document: 'Documento',
    sticker: 'Figurinha',
    location: 'Localização',
    venue: 'Local',
    contact: 'Contato',
    poll: 'Enquete',
    dice: 'Dado',
    game: 'Jogo',
    story: 'Story',
    other: 'Mensagem de um tipo que o app não mostra',
  },
  tokenRefused:
    'O Telegram recusou o token do bot (401 Unauthorized): copie-o de novo do @BotFather',
  blocked: 'A pessoa bloqueou o bot: o Telegram não entrega mensagens a ela',
  refused: (code, description) => `O Telegram recusou (${code}): ${description}`,
  noAnswer: (host) => `${host} não respondeu a tempo`,
  answerLost: (host) =>
    `A conexão com ${host} caiu antes da resposta: a mensagem pode ter chegado. Confira com a pessoa antes de enviar de novo`,
  notBotApi: (host) =>
    `${host} não responde como um servidor da Bot API: confira o endereço da API`,
  serverFailed: (host, message) => `${host}: ${message}`,
  unreachable: (host, code) => `Não foi possível alcançar ${host}${code ? ` (${code})` : ''}`,
  notStored: (why) => `Não foi possível guardar as mensagens (${why})`,
  apiRootInvalid: 'O endereço da API deve ser um endereço http(s), como http://127.0.0.1:8081',
  tokenRequired: 'O token do bot é obrigatório',
  tokenShape: 'Um token de bot tem a forma 123456789:AAE…; copie-o do @BotFather no Telegram',
};

const EN: TelegramTexts = {
  labels: {
    photo: 'Photo',
    video: 'Video',
    videoNote: 'Video message',
    animation: 'GIF',
    voice: 'Voice message',
    audio: 'Audio',
    document: 'Document',
    sticker: 'Sticker',
    location: 'Location',
    venue: 'Place',
    contact: 'Contact',
    poll: 'Poll',
    dice: 'Dice',
    game: 'Game',
    story: 'Story',
    other: 'Message of a kind the app does not show',
  },
  tokenRefused: 'Telegram refused the bot token (401 Unauthorized): copy it again from @BotFather',
  blocked: 'The person blocked the bot: Telegram does not deliver messages to them',
  refused: (code, description) => `Telegram refused (${code}): ${description}`,
  noAnswer: (host) => `${host} did not answer in time`,
  answerLost: (host) =>
    `The connection to ${host} dropped before its answer: the message may have arrived. Check with the person before sending it again`,
  notBotApi: (host) => `${host} does not answer like a Bot API server: check the API address`,
  serverFailed: (host, message) => `${host}: ${message}`,
  unreachable: (host, code) => `Cannot reach ${host}${code ? ` (${code})` : ''}`,
  notStored: (why) => `The messages could not be stored (${why})`,
  apiRootInvalid: 'The API address must be an http(s) address, such as http://127.0.0.1:8081',
  tokenRequired: 'The bot token is required',
  tokenShape: 'A bot token looks like 123456789:AAE…; copy it from @BotFather in Telegram',
};

/** Telegram's texts: `telegramTexts()` in the app's language, `.in(language)` in one. */
export const telegramTexts = defineTexts({ 'pt-BR': PT, en: EN });
