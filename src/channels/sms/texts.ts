/**
 * The words the SMS channel shows on the Channels page and beside messages that did not go out.
 * The SMS Gateway app's own screens are named as the app names them ("Settings → Local Server").
 */
import { defineTexts } from '../../i18n/catalogue';

export interface SmsTexts {
  credentialsRefused(url: string): string;
  notAllowed(url: string, what: string): string;
  unknownPath(url: string, what: string, detail: string | null): string;
  rejected(what: string, detail: string): string;
  appFailed(what: string, status: number, detail: string | null): string;
  noAnswer(url: string, seconds: number): string;
  unreachable(url: string, code: string | null): string;
  unexpectedAnswer(what: string, problem: string, url: string): string;
  notJson: string;
  noInbox(url: string): string;
  phoneCouldNotSend(reason: string | null): string;
  cancelledOnPhone: string;
  phoneRefused: string;
  urlInvalid: string;
  credentialsInUrl: string;
  usernameRequired: string;
  passwordRequired: string;
}

const PT: SmsTexts = {
  credentialsRefused: (url) =>
    `O celular em ${url} recusou o usuário ou a senha: compare-os com Settings → Local Server no app SMS Gateway`,
  notAllowed: (url, what) => `O celular em ${url} não permite a este usuário ${what}`,
  unknownPath: (url, what, detail) =>
    `O celular em ${url} não conhece ${what}${detail ? `: ${detail}` : ''}`,
  rejected: (what, detail) => `O celular rejeitou ${what}: ${detail}`,
  appFailed: (what, status, detail) =>
    `O app SMS Gateway no celular falhou (${what}, HTTP ${status})${detail ? `: ${detail}` : ''}`,
  noAnswer: (url, seconds) =>
    `O celular em ${url} não respondeu em ${seconds} s: ele está ligado, com o SMS Gateway aberto?`,
  unreachable: (url, code) =>
    `Não foi possível alcançar o celular em ${url}${code ? ` (${code})` : ''}: confira se o SMS Gateway está no modo Local Server e se este computador está na mesma rede`,
  unexpectedAnswer: (what, problem, url) =>
    `O celular respondeu a ${what} de um jeito inesperado (${problem}): ${url} é mesmo o SMS Gateway for Android?`,
  notJson: 'não é JSON',
  noInbox: (url) =>
    `O app SMS Gateway em ${url} não tem caixa de entrada para ler (GET /inbox): atualize-o para a versão 1.59.0 ou mais nova`,
  phoneCouldNotSend: (reason) =>
    `O celular não conseguiu enviar o SMS: ${reason ?? 'nenhum motivo informado'}`,
  cancelledOnPhone: 'O SMS foi cancelado no celular antes de sair',
  phoneRefused: 'O celular recusou o SMS',
  urlInvalid:
    'Informe o endereço que o app SMS Gateway mostra, por exemplo http://192.168.0.50:8080',
  credentialsInUrl: 'Deixe o usuário e a senha fora do endereço: eles têm campos próprios',
  usernameRequired: 'Informe o usuário mostrado no app em Settings → Local Server',
  passwordRequired: 'Informe a senha mostrada no app em Settings → Local Server',
};

const EN: SmsTexts = {
  credentialsRefused: (url) =>
    `The phone at ${url} refused the username or password: compare them with Settings → Local Server in the SMS Gateway app`,
  notAllowed: (url, what) => `The phone at ${url} does not allow this user to ${what}`,
  unknownPath: (url, what, detail) =>
    `The phone at ${url} does not know ${what}${detail ? `: ${detail}` : ''}`,
  rejected: (what, detail) => `The phone rejected ${what}: ${detail}`,
  appFailed: (what, status, detail) =>
    `The SMS Gateway app on the phone failed (${what}, HTTP ${status})${detail ? `: ${detail}` : ''}`,
  noAnswer: (url, seconds) =>
    `The phone at ${url} did not answer within ${seconds} s: is it awake, with SMS Gateway running?`,
  unreachable: (url, code) =>
    `Cannot reach the phone at ${url}${code ? ` (${code})` : ''}: check that SMS Gateway runs in Local Server mode and that this computer is on the same network`,
  unexpectedAnswer: (what, problem, url) =>
    `The phone answered ${what} in an unexpected form (${problem}): is ${url} really SMS Gateway for Android?`,
  notJson: 'not JSON',
  noInbox: (url) =>
    `The SMS Gateway app at ${url} has no inbox to read (GET /inbox): update it to version 1.59.0 or later`,
  phoneCouldNotSend: (reason) => `The phone could not send the SMS: ${reason ?? 'no reason given'}`,
  cancelledOnPhone: 'The SMS was cancelled on the phone before it went out',
  phoneRefused: 'The phone refused the SMS',
  urlInvalid: 'Give the address the SMS Gateway app shows, e.g. http://192.168.0.50:8080',
  credentialsInUrl: 'Leave the user and password out of the address: they have their own fields',
  usernameRequired: 'Give the username shown in the app under Settings → Local Server',
  passwordRequired: 'Give the password shown in the app under Settings → Local Server',
};

/** The SMS channel's texts: `smsTexts()` in the app's language, `.in(language)` in one. */
export const smsTexts = defineTexts({ 'pt-BR': PT, en: EN });
