/**
 * The words a WhatsApp account writes into the store or shows on the Channels page: media
 * placeholders become message text for good, and errors are shown beside a message or an account.
 * They follow the app's language setting at the moment they are written.
 */
import { defineTexts } from '../../i18n/catalogue';

export interface Texts {
  photo: string;
  video: string;
  gif: string;
  audio: string;
  voice: string;
  /** A round video recorded in the chat (WhatsApp's `ptv`). */
  videoNote: string;
  document: string;
  sticker: string;
  location: string;
  contact: string;
  poll: string;
  deleted: string;
  /** The notice that someone pinned a message in the chat. */
  pinned: string;
  /** A kind of message the app cannot show (a payment, a product...): the type is appended. */
  unsupported: string;
  notOnWhatsApp(phone: string): string;
  notConnected: string;
  sendFailed: string;
  /** A send WhatsApp neither confirmed nor showed: it may or may not have left. */
  sendUnconfirmed: string;
  historyInterrupted: string;
  connectFirst: string;
  browserNotFound(searched: readonly string[]): string;
  configuredBrowserMissing(path: string): string;
  browserPathTooLong: string;
  /** WhatsApp refusing the number or the app (the library's disconnection reasons). */
  refused: Record<'TOS_BLOCK' | 'SMB_TOS_BLOCK' | 'PROXYBLOCK' | 'DEPRECATED_VERSION', string>;
}

const PT: Texts = {
  photo: 'Foto',
  video: 'Vídeo',
  gif: 'GIF',
  audio: 'Áudio',
  voice: 'Mensagem de voz',
  videoNote: 'Mensagem de vídeo',
  document: 'Documento',
  sticker: 'Figurinha',
  location: 'Localização',
  contact: 'Contato',
  poll: 'Enquete',
  deleted: 'Mensagem apagada',
  pinned: 'Mensagem fixada',
  unsupported: 'Mensagem não suportada',
  notOnWhatsApp: (phone) => `O número ${phone} não está no WhatsApp`,
  notConnected: 'O WhatsApp não estava conectado; envie de novo quando ele conectar',
  sendFailed: 'O WhatsApp não conseguiu entregar a mensagem',
  sendUnconfirmed:
    'O WhatsApp não confirmou o envio: confira no celular se a mensagem saiu antes de enviar de novo',
  connectFirst: 'Conecte o WhatsApp antes de importar as conversas',
  historyInterrupted:
    'A importação parou porque o WhatsApp desconectou; ela recomeça ao reconectar',
  browserNotFound: (searched) =>
    `Nenhum navegador Chrome, Chromium, Edge ou Brave foi encontrado. Instale um deles ou indique o caminho em "Navegador" (procurado em: ${searched.join(', ')})`,
  configuredBrowserMissing: (path) => `O navegador indicado nas configurações não existe: ${path}`,
  browserPathTooLong: 'O caminho do navegador é longo demais',
  refused: {
    TOS_BLOCK:
      'O WhatsApp bloqueou este número por violar os termos de uso. Peça a revisão pelo app do WhatsApp no celular; o Clientela tenta conectar de novo a cada hora.',
    SMB_TOS_BLOCK:
      'O WhatsApp Business bloqueou este número por violar os termos de uso. Peça a revisão pelo app do WhatsApp Business no celular; o Clientela tenta conectar de novo a cada hora.',
    PROXYBLOCK:
      'O WhatsApp recusou conexões vindas desta rede (um proxy ou VPN). Conecte este computador sem ele; o Clientela tenta conectar de novo a cada hora.',
    DEPRECATED_VERSION:
      'O WhatsApp não aceita mais esta versão do Clientela. Atualize o Clientela; ele tenta conectar de novo a cada hora.',
  },
};

const EN: Texts = {
  photo: 'Photo',
  video: 'Video',
  gif: 'GIF',
  audio: 'Audio',
  voice: 'Voice message',
  videoNote: 'Video message',
  document: 'Document',
  sticker: 'Sticker',
  location: 'Location',
  contact: 'Contact',
  poll: 'Poll',
  deleted: 'Deleted message',
  pinned: 'Message pinned',
  unsupported: 'Unsupported message',
  notOnWhatsApp: (phone) => `${phone} is not on WhatsApp`,
  notConnected: 'WhatsApp was not connected; send it again once it is',
  sendFailed: 'WhatsApp could not deliver the message',
  sendUnconfirmed:
    'WhatsApp did not confirm the message: check on the phone whether it left before sending it again',
  connectFirst: 'Connect WhatsApp before importing its conversations',
  historyInterrupted:
    'The import stopped because WhatsApp disconnected; it starts again on reconnection',
  browserNotFound: (searched) =>
    `No Chrome, Chromium, Edge or Brave browser was found. Install one, or give its path in "Browser" (searched: ${searched.join(', ')})`,
  configuredBrowserMissing: (path) => `The browser named in the settings does not exist: ${path}`,
  browserPathTooLong: 'The browser path is too long',
  refused: {
    TOS_BLOCK:
      'WhatsApp blocked this number for breaking its terms of service. Ask for a review in the WhatsApp app on the phone; Clientela tries to connect again every hour.',
    SMB_TOS_BLOCK:
      'WhatsApp Business blocked this number for breaking its terms of service. Ask for a review in the WhatsApp Business app on the phone; Clientela tries to connect again every hour.',
    PROXYBLOCK:
      'WhatsApp refused connections from this network (a proxy or VPN). Connect this computer without it; Clientela tries to connect again every hour.',
    DEPRECATED_VERSION:
      'WhatsApp no longer accepts this version of Clientela. Update Clientela; it tries to connect again every hour.',
  },
};

/** WhatsApp's texts: `whatsappTexts()` in the app's language, `.in(language)` in one. */
export const whatsappTexts = defineTexts({ 'pt-BR': PT, en: EN });
