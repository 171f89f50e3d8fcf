/**
 * The words the web chat shows the business owner on the Channels page. (What visitors read is
 * the widget's own, in the language of the page it is embedded in.)
 */
import { defineTexts } from '../../i18n/catalogue';

export interface WebchatTexts {
  notAnOrigin(value: string): string;
  portNumber: string;
  portRange: string;
  originsRequired: string;
  publicUrl: string;
  greetingLength: string;
  portInUse(port: number): string;
  notThisComputer(host: string): string;
  cannotListen(host: string, port: number, reason: string): string;
  noHistory: string;
  notAVisitor: string;
  widgetMissing: string;
}

const PT: WebchatTexts = {
  notAnOrigin: (value) =>
    `"${value}" não é a origem de um site; escreva assim: https://minhaloja.com.br`,
  portNumber: 'A porta deve ser um número, por exemplo 8090',
  portRange: 'A porta deve estar entre 1 e 65535',
  originsRequired: 'Informe o(s) site(s) que mostram o chat, por exemplo https://minhaloja.com.br',
  publicUrl: 'O endereço público deve ser um endereço http(s)',
  greetingLength: 'A saudação pode ter no máximo 500 caracteres',
  portInUse: (port) => `A porta ${port} já está em uso; escolha outra porta para o chat do site`,
  notThisComputer: (host) => `${host} não é um endereço deste computador`,
  cannotListen: (host, port, reason) =>
    `O chat do site não conseguiu escutar em ${host}:${port}: ${reason}`,
  noHistory: 'Esta versão não consegue mostrar aos visitantes a conversa deles',
  notAVisitor: 'Não é um visitante do chat do site',
  widgetMissing: 'Os arquivos do chat do site (resources/webchat) faltam nesta instalação',
};

const EN: WebchatTexts = {
  notAnOrigin: (value) =>
    `"${value}" is not a website origin; write it like https://minhaloja.com.br`,
  portNumber: 'The port must be a number, e.g. 8090',
  portRange: 'The port must be between 1 and 65535',
  originsRequired: 'List the website(s) that embed the chat, e.g. https://minhaloja.com.br',
  publicUrl: 'The public address must be an http(s) URL',
  greetingLength: 'The greeting can have at most 500 characters',
  portInUse: (port) => `Port ${port} is already in use; choose another port for the web chat`,
  notThisComputer: (host) => `${host} is not an address of this computer`,
  cannotListen: (host, port, reason) =>
    `The web chat could not listen on ${host}:${port}: ${reason}`,
  noHistory: 'This build cannot show visitors their conversation',
  notAVisitor: 'Not a web chat visitor',
  widgetMissing: 'The web chat widget files (resources/webchat) are missing from this install',
};

/** The web chat's texts for the owner: `webchatTexts()` in the app's language, `.in(language)` in one. */
export const webchatTexts = defineTexts({ 'pt-BR': PT, en: EN });
