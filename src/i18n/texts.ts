/**
 * What the core itself says to the people using the app: API errors, the reasons stored on a
 * message that could not be sent, the Channels page's account errors, the CSV import's report.
 * Each channel keeps its own words beside its driver (e.g. channels/sms/texts.ts).
 */
import type { Channel } from '../shared/domain';
import { defineTexts } from './catalogue';

type Thing = 'customer' | 'conversation' | 'message' | 'contact' | 'note';

export interface CoreTexts {
  channelName: Record<Channel, string>;
  /** The input's fields by key, as the screens name them (zod errors name the field). */
  fieldNames: Record<string, string>;
  notFound(thing: Thing): string;
  unknownMethod(method: string): string;
  bodyNotJson: string;
  bodyNotObject: string;
  pageLinkExpired: string;
  /** A value left out. */
  required: string;
  internalError: string;
  tooLarge(bytes: number): string;
  tokenNeeded: string;
  /** Host mode refused a setting that runs a program, calls out or listens beyond this computer. */
  changedOnThisComputer(fields: string[]): string;
  /** A setting an environment variable fixed when Clientela started. */
  setByEnvironment(variable: string): string;
  secretStoreDamaged(file: string): string;
  /** Another process holds the lock file and did not let go in time. */
  fileLocked(lockFile: string): string;

  // Backups.
  /** Host mode asked to take or restore a backup. */
  backupOnThisComputer: string;
  fullPath: string;
  backupFolderUnusable(folder: string, why: string): string;
  /** Why a backup folder cannot be written, by the system's error. */
  backupWhy: { noSpace: string; denied: string; missing: string; notFolder: string };
  backupNotFound(path: string): string;
  copyNotSqlite: string;
  copyDamaged(detail: string): string;
  copyNotClientela: string;
  copyNewer(version: number, known: number): string;
  restoreInDemo: string;
  restoreUnavailable: string;

  // Schemas of the API contract.
  enterName: string;
  nameEmpty: string;
  countryCode: string;
  unknownTimeZone: string;
  typeMessage: string;
  giveRecipient: string;
  accountKey: string;
  noteEmpty: string;
  fileEmpty: string;
  nameAction: string;
  /** Text with half of a character (a lone surrogate): UTF-8, the database's text, has no such thing. */
  halfCharacter: string;

  // Customers and conversations.
  notAPhone(raw: string): string;
  /** In the import report, where the hint would be repeated on every line. */
  csvNotAPhone(raw: string): string;
  notAnEmail(raw: string): string;
  contactTaken(kind: 'phone' | 'email'): string;
  alreadyCustomer: string;
  mergeSame: string;
  splitForeign: string;
  splitAll: string;
  givePhone: string;
  nobodyYet(channel: Channel, by: 'username' | 'id'): string;
  answerInConversation(channel: Channel): string;
  matchSelf: string;
  onlyFailedRetry: string;

  // CSV import.
  csvHeader: string;
  csvNothingUsable: string;
  csvImportedWithout(problems: string): string;
  /** A sheet refused as a whole, naming the line to fix: "Line 7: ...". */
  csvBadLine(line: number, problem: string): string;
  csvQuoteNotClosed: string;
  /** `closedOn`: the line where the quote closed, when a quote opened earlier. */
  csvTextAfterQuote(closedOn: number | null): string;
  csvQuoteInCell: string;
  csvNul: string;
  csvNotUnicode: string;
  csvRowTooLong(max: number): string;
  /** Values of a row that the customer could not take, in the import report. */
  csvOnlyOne(value: string, kind: 'phone' | 'email'): string;
  csvTaken(value: string): string;
  csvNameKept(value: string): string;
  /** A file sent as .xlsx that is not a workbook the import can read. */
  xlsxUnreadable: string;
  xlsxTooLarge(megabytes: number): string;
  /** Both a CSV and an XLSX, or neither, sent to import. */
  importOneSheet: string;

  // Channel accounts.
  noDriver(channel: Channel): string;
  notASetting(key: string, channel: Channel): string;
  notANumber(field: string, text: string): string;
  notYesNo(field: string, text: string): string;
  /** A program path (the WhatsApp browser) that is not a full path on this computer. */
  programNotFullPath(field: string, path: string): string;
  programOnNetwork(field: string, path: string): string;
  programMissing(field: string, path: string): string;
  programNotChosenHere(field: string, path: string): string;
  accountTaken(channel: Channel, account: string): string;
  checkFailed(channel: Channel, reason: string): string;
  noAnswerWithin(seconds: number): string;
  noAccount(channel: Channel, account: string): string;
  notConnectedNow(channel: Channel, account: string): string;
  noAction(channel: Channel, action: string): string;
  /** Sample data is offered on an empty database only. */
  demoOnlyWhenEmpty: string;
  demoUnavailable: string;
  demoNoChannels: string;
  connectionFailed: string;
  connectionEnded: string;
  /** The README of a person's data export (privacy/export.ts), beside its JSON. */
  personalDataReadme: string;

  // Reasons stored on a message that was not sent.
  sendNoAccount(channel: Channel, account: string): string;
  sendPaused(channel: Channel, account: string): string;
  channelRefused: string;
}

const listPt = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} e ${items.at(-1)}` : items.join('');
const listEn = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items.join('');

const PT: CoreTexts = {
  channelName: { whatsapp: 'WhatsApp', telegram: 'Telegram', webchat: 'chat do site', sms: 'SMS' },
  fieldNames: {
    displayName: 'Nome',
    phone: 'Telefone',
    email: 'E-mail',
    tags: 'Etiquetas',
    note: 'Anotação',
    text: 'Mensagem',
    body: 'Anotação',
    username: 'Usuário',
    channel: 'Canal',
    timeZone: 'Fuso horário',
    defaultRegion: 'País',
    language: 'Idioma',
    limit: 'Limite',
    token: 'Token do bot',
    apiRoot: 'Endereço da Bot API',
    includeGroups: 'Incluir grupos',
    chromePath: 'Local do Chrome',
    port: 'Porta',
    allowedOrigins: 'Sites permitidos',
    publicUrl: 'Endereço público do chat',
    host: 'Escutar no endereço',
    greeting: 'Saudação',
    url: 'Endereço do gateway',
    password: 'Senha',
    simNumber: 'Chip (SIM)',
    enabled: 'Ativa',
    networkAccess: 'Acesso pela rede do escritório',
    autoUpdate: 'Atualizar sozinho',
    backupFolder: 'Pasta dos backups',
    backupKeep: 'Backups guardados',
    from: 'Backup',
  },
  notFound: (thing) =>
    ({
      customer: 'Cliente não encontrado',
      conversation: 'Conversa não encontrada',
      message: 'Mensagem não encontrada',
      contact: 'Contato do canal não encontrado',
      note: 'Anotação não encontrada',
    })[thing],
  unknownMethod: (method) => `Método desconhecido "${method}"`,
  bodyNotJson: 'O corpo do pedido não é um JSON válido',
  bodyNotObject: 'O corpo do pedido deve ser um objeto JSON',
  pageLinkExpired: 'Este link de página não vale mais; comece de novo pela primeira página',
  required: 'Obrigatório',
  internalError: 'Algo deu errado; o erro foi registrado',
  tooLarge: (bytes) => `O pedido passa de ${bytes} bytes`,
  tokenNeeded: 'Abra o endereço que o Clientela mostrou, com o token',
  changedOnThisComputer: (fields) =>
    `${listPt(fields)}: só pode ser alterado no próprio computador do Clientela (no aplicativo ou com o comando clientela), não pela rede`,
  setByEnvironment: (variable) =>
    `Definido pela variável de ambiente ${variable} ao iniciar o Clientela: mude-a lá e reinicie o Clientela`,
  secretStoreDamaged: (file) =>
    `O cofre de senhas ${file} está danificado ou foi criado em outro computador`,
  fileLocked: (lockFile) =>
    `Outro Clientela está alterando os arquivos de ${lockFile}; tente de novo em instantes`,

  backupOnThisComputer:
    'Backups são feitos e restaurados só no próprio computador do Clientela (no aplicativo ou com o comando clientela), não pela rede',
  fullPath:
    'O caminho completo de uma pasta deste computador, como C:\\Backups ou /home/loja/backups',
  backupFolderUnusable: (folder, why) => `Não foi possível gravar o backup em ${folder}: ${why}`,
  backupWhy: {
    noSpace: 'não há espaço livre',
    denied: 'sem permissão para gravar lá',
    missing: 'a pasta não existe (um pen drive desconectado?)',
    notFolder: 'é um arquivo, não uma pasta',
  },
  backupNotFound: (path) => `Nenhum backup do Clientela em ${path}`,
  copyNotSqlite: 'Este arquivo não é um banco de dados do Clientela',
  copyDamaged: (detail) => `Este backup está danificado (${detail}); nada foi alterado`,
  copyNotClientela: 'Este banco de dados não é do Clientela',
  copyNewer: (version, known) =>
    `Este backup foi feito por uma versão mais nova do Clientela (esquema ${version}; esta conhece até ${known}): atualize o Clientela para restaurá-lo`,
  restoreInDemo: 'Saia da demonstração para restaurar um backup',
  restoreUnavailable:
    'Restaure pelo aplicativo ou com o comando clientela restore, com o Clientela fechado',

  enterName: 'Digite um nome',
  nameEmpty: 'O nome não pode ficar vazio',
  countryCode: 'Um código de país de duas letras, como BR',
  unknownTimeZone: 'Fuso horário desconhecido',
  typeMessage: 'Digite uma mensagem',
  giveRecipient: 'Informe um telefone, um nome de usuário ou um id do canal',
  accountKey: 'O nome da conta tem de 1 a 40 letras minúsculas, algarismos, "-" ou "_"',
  noteEmpty: 'A anotação está vazia',
  fileEmpty: 'O arquivo está vazio',
  nameAction: 'Diga qual ação',
  halfCharacter:
    'O texto tem metade de um caractere (um emoji cortado ao meio); apague-a e digite de novo',

  notAPhone: (raw) => `"${raw}" não é um telefone; inclua o DDD, por exemplo +55 11 99999-8888`,
  csvNotAPhone: (raw) => `"${raw}" não é um telefone`,
  notAnEmail: (raw) => `"${raw}" não é um endereço de e-mail`,
  contactTaken: (kind) =>
    `Outro cliente já tem ${kind === 'phone' ? 'este telefone' : 'este e-mail'}; abra-o ou junte os dois`,
  alreadyCustomer: 'Este contato já é um cliente',
  mergeSame: 'Escolha dois clientes diferentes para juntar',
  splitForeign: 'Esses contatos de canal não são todos deste cliente',
  splitAll: 'Deixe pelo menos um contato de canal com o cliente',
  givePhone: 'Informe o telefone para quem escrever',
  nobodyYet: (channel, by) =>
    `Ninguém com esse ${by === 'username' ? 'nome de usuário' : 'id'} escreveu no ${PT.channelName[channel]} ainda; no ${PT.channelName[channel]} a pessoa precisa escrever primeiro`,
  answerInConversation: (channel) =>
    `No ${PT.channelName[channel]} ninguém é achado pelo telefone ou usuário que digitou; responda na conversa da pessoa`,
  matchSelf: 'Escolha dois clientes diferentes',
  onlyFailedRetry: 'Só uma mensagem que falhou pode ser enviada de novo',

  csvHeader: 'A primeira linha deve nomear as colunas, por exemplo: nome;telefone;email',
  csvNothingUsable: 'sem nome, telefone nem e-mail',
  csvImportedWithout: (problems) => `importado sem: ${problems}`,
  csvBadLine: (line, problem) => `Linha ${line}: ${problem}`,
  csvQuoteNotClosed: 'aspas abertas aqui nunca se fecham',
  csvTextAfterQuote: (closedOn) =>
    `depois das aspas que fecham a célula${closedOn ? ` (na linha ${closedOn})` : ''} vem texto em vez do separador; falta uma aspa?`,
  csvQuoteInCell:
    'tem aspas no meio de uma célula; ponha a célula inteira entre aspas e dobre as aspas de dentro',
  csvNul: 'tem um caractere NUL; salve a planilha como "CSV UTF-8"',
  csvNotUnicode: 'tem texto cortado no meio de um caractere',
  csvRowTooLong: (max) =>
    `a linha passa de ${max.toLocaleString('pt-BR')} caracteres; faltou fechar aspas?`,
  csvOnlyOne: (value, kind) =>
    `"${value}" (cada cliente guarda um ${kind === 'phone' ? 'telefone' : 'e-mail'} próprio)`,
  csvTaken: (value) => `"${value}" (é de outro cliente)`,
  csvNameKept: (value) => `o nome "${value}" (fica o nome digitado no app)`,
  xlsxUnreadable:
    'O arquivo não é uma pasta de trabalho do Excel (.xlsx) legível; salve-o de novo como "Pasta de Trabalho do Excel" ou como CSV',
  xlsxTooLarge: (megabytes) =>
    `A planilha passa de ${megabytes.toLocaleString('pt-BR')} MB descompactada; divida-a em partes`,
  importOneSheet: 'Envie uma planilha: um CSV ou um XLSX',

  noDriver: (channel) =>
    `Esta versão do Clientela não conecta contas de ${PT.channelName[channel]}`,
  notASetting: (key, channel) =>
    `"${key}" não é uma configuração das contas de ${PT.channelName[channel]}`,
  notANumber: (field, text) => `${field}: "${text}" não é um número`,
  notYesNo: (field, text) => `${field}: "${text}" não é sim nem não`,
  programNotFullPath: (field, path) =>
    `${field}: "${path}" não é um caminho completo neste computador (como C:\\Program Files\\... ou /usr/bin/...)`,
  programOnNetwork: (field, path) =>
    `${field}: "${path}" está em outro computador da rede; escolha um programa instalado neste computador`,
  programMissing: (field, path) => `${field}: não há um programa em "${path}"`,
  programNotChosenHere: (field, path) =>
    `${field}: "${path}" foi salvo antes de o Clientela conferir de onde vinha e não é usado; escolha de novo neste computador`,
  accountTaken: (channel, account) =>
    `Já existe uma conta de ${PT.channelName[channel]} chamada "${account}"; escolha outro nome`,
  checkFailed: (channel, reason) =>
    `Não foi possível verificar a conta de ${PT.channelName[channel]}: ${reason}`,
  noAnswerWithin: (seconds) => `sem resposta em ${seconds} segundos`,
  noAccount: (channel, account) =>
    `Não existe conta de ${PT.channelName[channel]} chamada "${account}"`,
  notConnectedNow: (channel, account) =>
    `A conta de ${PT.channelName[channel]} "${account}" não está conectada agora`,
  noAction: (channel, action) =>
    `As contas de ${PT.channelName[channel]} não têm a ação "${action}"`,
  demoOnlyWhenEmpty:
    'Os dados de demonstração só podem ser abertos enquanto o Clientela ainda está vazio',
  demoUnavailable: 'Os dados de demonstração não estão disponíveis aqui',
  demoNoChannels:
    'Isto é uma demonstração: saia dela (e apague os dados de exemplo) para conectar um canal',
  connectionFailed: 'A conexão falhou',
  connectionEnded: 'A conexão terminou',
  personalDataReadme: [
    'Dados pessoais guardados pelo Clientela sobre uma pessoa (LGPD, art. 18).',
    '',
    'customer.json, em UTF-8:',
    '- customer: o cadastro (nome, telefone, e-mail, origem, primeiro e último contato);',
    '- identities: como cada canal conhece a pessoa (WhatsApp, Telegram, chat do site, SMS);',
    '- messages: todas as mensagens, em ordem: time (UTC), direction (in: da pessoa; out: da',
    '  empresa), channel, account, text, status;',
    '- notes: as anotações da equipe; tags: as etiquetas;',
    '- files: os arquivos desta pasta (pictures/: fotos de perfil).',
    '',
  ].join('\n'),

  sendNoAccount: (channel, account) =>
    `Nenhuma conta de ${PT.channelName[channel]} "${account}" está conectada. Adicione-a na página Canais e envie de novo.`,
  sendPaused: (channel, account) =>
    `A conta de ${PT.channelName[channel]} "${account}" está pausada. Retome-a na página Canais e envie de novo.`,
  channelRefused: 'O canal recusou a mensagem',
};

const EN: CoreTexts = {
  channelName: { whatsapp: 'WhatsApp', telegram: 'Telegram', webchat: 'web chat', sms: 'SMS' },
  fieldNames: {
    displayName: 'Name',
    phone: 'Phone',
    email: 'Email',
    tags: 'Tags',
    note: 'Note',
    text: 'Message',
    body: 'Note',
    username: 'User',
    channel: 'Channel',
    timeZone: 'Time zone',
    defaultRegion: 'Country',
    language: 'Language',
    limit: 'Limit',
    token: 'Bot token',
    apiRoot: 'Bot API address',
    includeGroups: 'Include groups',
    chromePath: 'Chrome location',
    port: 'Port',
    allowedOrigins: 'Websites allowed',
    publicUrl: 'Public address of the chat',
    host: 'Listen on address',
    greeting: 'Greeting',
    url: 'Gateway address',
    password: 'Password',
    simNumber: 'SIM slot',
    enabled: 'Active',
    networkAccess: 'Access from the office network',
    autoUpdate: 'Update automatically',
    backupFolder: 'Backup folder',
    backupKeep: 'Backups kept',
    from: 'Backup',
  },
  notFound: (thing) =>
    ({
      customer: 'Customer not found',
      conversation: 'Conversation not found',
      message: 'Message not found',
      contact: 'Channel contact not found',
      note: 'Note not found',
    })[thing],
  unknownMethod: (method) => `Unknown method "${method}"`,
  bodyNotJson: 'The request body is not valid JSON',
  bodyNotObject: 'The request body must be a JSON object',
  pageLinkExpired: 'This page link is no longer valid; start again from the first page',
  required: 'Required',
  internalError: 'Something went wrong; it has been logged',
  tooLarge: (bytes) => `The request is larger than ${bytes} bytes`,
  tokenNeeded: 'Open the address Clientela printed, with its token',
  changedOnThisComputer: (fields) =>
    `${listEn(fields)}: changed only on the Clientela computer itself (in the app or with the clientela command), not over the network`,
  setByEnvironment: (variable) =>
    `Set by the environment variable ${variable} when Clientela started: change it there and restart Clientela`,
  secretStoreDamaged: (file) =>
    `The secret store ${file} is damaged or was made on another computer`,
  fileLocked: (lockFile) =>
    `Another Clientela is changing the files of ${lockFile}; try again in a moment`,

  backupOnThisComputer:
    'Backups are taken and restored only on the Clientela computer itself (in the app or with the clientela command), not over the network',
  fullPath: 'The full path of a folder on this computer, such as C:\\Backups or /home/shop/backups',
  backupFolderUnusable: (folder, why) => `The backup could not be written to ${folder}: ${why}`,
  backupWhy: {
    noSpace: 'no space left',
    denied: 'no permission to write there',
    missing: 'the folder is not there (a USB drive unplugged?)',
    notFolder: 'it is a file, not a folder',
  },
  backupNotFound: (path) => `No Clientela backup at ${path}`,
  copyNotSqlite: 'This file is not a Clientela database',
  copyDamaged: (detail) => `This backup is damaged (${detail}); nothing was changed`,
  copyNotClientela: 'This database is not a Clientela one',
  copyNewer: (version, known) =>
    `This backup was made by a newer version of Clientela (schema ${version}; this one knows up to ${known}): update Clientela to restore it`,
  restoreInDemo: 'Leave the demo to restore a backup',
  restoreUnavailable: 'Restore from the app, or with clientela restore while Clientela is closed',

  enterName: 'Enter a name',
  nameEmpty: 'The name cannot be empty',
  countryCode: 'A two-letter country code such as BR',
  unknownTimeZone: 'Unknown time zone',
  typeMessage: 'Type a message',
  giveRecipient: 'Give a phone number, a username or a channel id',
  accountKey: 'An account name has 1 to 40 lower-case letters, digits, "-" or "_"',
  noteEmpty: 'The note is empty',
  fileEmpty: 'The file is empty',
  nameAction: 'Name the action',
  halfCharacter:
    'The text holds half of a character (an emoji cut in two); delete it and type it again',

  notAPhone: (raw) =>
    `"${raw}" is not a phone number; include the area code, e.g. +55 11 99999-8888`,
  csvNotAPhone: (raw) => `"${raw}" is not a phone number`,
  notAnEmail: (raw) => `"${raw}" is not an email address`,
  contactTaken: (kind) =>
    `Another customer already has this ${kind === 'phone' ? 'phone number' : 'email'}; open it, or merge the two`,
  alreadyCustomer: 'This contact is already a customer',
  mergeSame: 'Choose two different customers to merge',
  splitForeign: 'Those channel contacts do not all belong to this customer',
  splitAll: 'Leave at least one channel contact with the customer',
  givePhone: 'Give the phone number to write to',
  nobodyYet: (channel, by) =>
    `Nobody with that ${by} has written on ${EN.channelName[channel]} yet; on ${EN.channelName[channel]} people must write first`,
  answerInConversation: (channel) =>
    `On ${EN.channelName[channel]} nobody is found by a phone or username they typed; answer in their conversation`,
  matchSelf: 'Choose two different customers',
  onlyFailedRetry: 'Only a message that failed can be sent again',

  csvHeader: 'The first line must name the columns, for example: nome;telefone;email',
  csvNothingUsable: 'no name, phone or email',
  csvImportedWithout: (problems) => `imported without: ${problems}`,
  csvBadLine: (line, problem) => `Line ${line}: ${problem}`,
  csvQuoteNotClosed: 'a quote opens here and is never closed',
  csvTextAfterQuote: (closedOn) =>
    `after the quote that closes the cell${closedOn ? ` (on line ${closedOn})` : ''} comes text instead of the separator; is a quote missing?`,
  csvQuoteInCell:
    'has a quote inside a cell; put the whole cell in quotes and double the quotes inside it',
  csvNul: 'holds a NUL character; save the sheet as "CSV UTF-8"',
  csvNotUnicode: 'holds text cut in the middle of a character',
  csvRowTooLong: (max) =>
    `the row is longer than ${max.toLocaleString('en')} characters; is a quote left open?`,
  csvOnlyOne: (value, kind) => `"${value}" (a customer keeps one ${kind} of its own)`,
  csvTaken: (value) => `"${value}" (belongs to another customer)`,
  csvNameKept: (value) => `the name "${value}" (the name typed in the app stays)`,
  xlsxUnreadable:
    'The file is not a readable Excel workbook (.xlsx); save it again as "Excel Workbook" or as CSV',
  xlsxTooLarge: (megabytes) =>
    `The sheet is larger than ${megabytes.toLocaleString('en')} MB uncompressed; split it into parts`,
  importOneSheet: 'Send one sheet: a CSV or an XLSX',

  noDriver: (channel) =>
    `This version of Clientela cannot connect ${EN.channelName[channel]} accounts`,
  notASetting: (key, channel) => `"${key}" is not a setting of ${EN.channelName[channel]} accounts`,
  notANumber: (field, text) => `${field}: "${text}" is not a number`,
  notYesNo: (field, text) => `${field}: "${text}" is not yes or no`,
  programNotFullPath: (field, path) =>
    `${field}: "${path}" is not a full path on this computer (such as C:\\Program Files\\... or /usr/bin/...)`,
  programOnNetwork: (field, path) =>
    `${field}: "${path}" is on another computer of the network; choose a program installed on this computer`,
  programMissing: (field, path) => `${field}: there is no program at "${path}"`,
  programNotChosenHere: (field, path) =>
    `${field}: "${path}" was saved before Clientela checked where it came from and is not used; choose it again on this computer`,
  accountTaken: (channel, account) =>
    `There is already a ${EN.channelName[channel]} account named "${account}"; choose another name`,
  checkFailed: (channel, reason) =>
    `The ${EN.channelName[channel]} account could not be checked: ${reason}`,
  noAnswerWithin: (seconds) => `no answer within ${seconds} seconds`,
  noAccount: (channel, account) =>
    `There is no ${EN.channelName[channel]} account named "${account}"`,
  notConnectedNow: (channel, account) =>
    `The ${EN.channelName[channel]} account "${account}" is not connected now`,
  noAction: (channel, action) => `${EN.channelName[channel]} accounts have no action "${action}"`,
  demoOnlyWhenEmpty: 'Sample data can only be opened while Clientela is still empty',
  demoUnavailable: 'Sample data is not available here',
  demoNoChannels: 'This is a demo: leave it (deleting the sample data) to connect a channel',
  connectionFailed: 'The connection failed',
  connectionEnded: 'The connection ended',
  personalDataReadme: [
    "Personal data Clientela keeps about one person (Brazil's LGPD, art. 18).",
    '',
    'customer.json, in UTF-8:',
    '- customer: the record (name, phone, e-mail, source, first and last contact);',
    '- identities: how each channel knows the person (WhatsApp, Telegram, web chat, SMS);',
    '- messages: every message, in order: time (UTC), direction (in: from the person; out:',
    '  from the business), channel, account, text, status;',
    "- notes: the team's notes; tags: the tags;",
    '- files: the files in this folder (pictures/: profile pictures).',
    '',
  ].join('\n'),

  sendNoAccount: (channel, account) =>
    `No ${EN.channelName[channel]} account "${account}" is connected. Add it on the Channels page, then send again.`,
  sendPaused: (channel, account) =>
    `The ${EN.channelName[channel]} account "${account}" is paused. Resume it on the Channels page, then send again.`,
  channelRefused: 'The channel refused the message',
};

/** The core's texts in the language in force. */
export const texts = defineTexts({ 'pt-BR': PT, en: EN });
