/** The core's texts in English. */
import type { CoreTexts } from './core-texts';

const listEn = (items: string[]) =>
  items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : items.join('');

export const EN: CoreTexts = {
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
