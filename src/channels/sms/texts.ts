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
  noInbox(url: string, minimum: string): string;
  appTooOld(url: string, version: string | null, minimum: string, dropsRepeats: boolean): string;
  androidTooOld(url: string): string;
  lowBattery(percent: number): string;
  phoneCouldNotSend(reason: string | null): string;
  notSentInTime(hours: number): string;
  triedTooOften(tries: number): string;
  cancelledOnPhone: string;
  phoneRefused: string;
  urlInvalid: string;
  credentialsInUrl: string;
  usernameRequired: string;
  passwordRequired: string;
  simInvalid: string;
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
  noInbox: (url, minimum) =>
    `O app SMS Gateway em ${url} não tem caixa de entrada para ler (GET /inbox): atualize-o para a versão ${minimum} ou mais nova`,
  appTooOld: (url, version, minimum, dropsRepeats) =>
    `O app SMS Gateway em ${url} está ${version ? `na versão ${version}` : 'numa versão antiga'}: o Clientela precisa da ${minimum} ou mais nova${dropsRepeats ? ' (esta versão descarta um SMS igual ao anterior do mesmo remetente, como um segundo "ok")' : ''}. Atualize o app no celular`,
  androidTooOld: (url) =>
    `O celular em ${url} tem Android 6 ou mais antigo, em que o SMS Gateway não consegue buscar os SMS por data: o Clientela precisa de Android 7 ou mais novo`,
  lowBattery: (percent) =>
    `A bateria do celular está em ${percent}% e ele está fora da tomada: ligue o carregador, ou os SMS param quando ele desligar`,
  phoneCouldNotSend: (reason) =>
    `O celular não conseguiu enviar o SMS: ${reason ?? 'nenhum motivo informado'}`,
  notSentInTime: (hours) =>
    `O celular não enviou o SMS em ${hours} h (estava desligado, sem sinal ou com a fila parada): envie de novo se ainda fizer sentido`,
  triedTooOften: (tries) =>
    `O celular já falhou ${tries} vezes ao enviar esta mensagem: confira o chip e o sinal do celular`,
  cancelledOnPhone: 'O SMS foi cancelado no celular antes de sair',
  phoneRefused: 'O celular recusou o SMS',
  urlInvalid:
    'Informe o endereço que o app SMS Gateway mostra, por exemplo http://192.168.0.50:8080',
  credentialsInUrl: 'Deixe o usuário e a senha fora do endereço: eles têm campos próprios',
  usernameRequired: 'Informe o usuário mostrado no app em Settings → Local Server',
  passwordRequired: 'Informe a senha mostrada no app em Settings → Local Server',
  simInvalid: 'O chip é 1, 2 ou 3; deixe vazio para usar o chip padrão do celular',
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
  noInbox: (url, minimum) =>
    `The SMS Gateway app at ${url} has no inbox to read (GET /inbox): update it to version ${minimum} or later`,
  appTooOld: (url, version, minimum, dropsRepeats) =>
    `The SMS Gateway app at ${url} is ${version ? `version ${version}` : 'an old version'}: Clientela needs ${minimum} or later${dropsRepeats ? ' (this version drops an SMS that repeats the previous one from the same sender, like a second "ok")' : ''}. Update the app on the phone`,
  androidTooOld: (url) =>
    `The phone at ${url} runs Android 6 or older, where SMS Gateway cannot look up SMS by date: Clientela needs Android 7 or later`,
  lowBattery: (percent) =>
    `The phone's battery is at ${percent}% and it is not plugged in: connect the charger, or SMS stop when it switches off`,
  phoneCouldNotSend: (reason) => `The phone could not send the SMS: ${reason ?? 'no reason given'}`,
  notSentInTime: (hours) =>
    `The phone did not send the SMS within ${hours} h (it was off, without signal or its queue stood still): send it again if it still makes sense`,
  triedTooOften: (tries) =>
    `The phone has already failed to send this message ${tries} times: check the phone's SIM and signal`,
  cancelledOnPhone: 'The SMS was cancelled on the phone before it went out',
  phoneRefused: 'The phone refused the SMS',
  urlInvalid: 'Give the address the SMS Gateway app shows, e.g. http://192.168.0.50:8080',
  credentialsInUrl: 'Leave the user and password out of the address: they have their own fields',
  usernameRequired: 'Give the username shown in the app under Settings → Local Server',
  passwordRequired: 'Give the password shown in the app under Settings → Local Server',
  simInvalid: "The SIM is 1, 2 or 3; leave it empty to use the phone's default SIM",
};

/** The SMS channel's texts: `smsTexts()` in the app's language, `.in(language)` in one. */
export const smsTexts = defineTexts({ 'pt-BR': PT, en: EN });
