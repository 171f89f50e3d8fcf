/** What the core says, as a type: each language's catalogue (texts.pt-BR.ts, texts.en.ts) fills it. */
import type { Channel } from '../shared/domain';

export type Thing = 'customer' | 'conversation' | 'message' | 'contact' | 'note';

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
