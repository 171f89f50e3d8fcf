/**
 * The shapes the API returns, shared by the core (which builds them) and the renderer (which shows
 * them). Instants are ISO 8601 strings in UTC so that both transports carry them as plain JSON.
 */
import type {
  Channel,
  DataRequestKind,
  DataRequestOrigin,
  Direction,
  MessageStatus,
  Source,
} from '../shared/domain';

export type { Channel, Direction, MessageStatus, Source } from '../shared/domain';

export interface CustomerSummary {
  id: number;
  displayName: string | null;
  /** What to call the person: the name, else a phone, email, username or channel id. */
  label: string;
  phone: string | null;
  email: string | null;
  channels: Channel[];
  source: Source;
  firstContactAt: string | null;
  lastSeenAt: string | null;
  lastInteractionAt: string | null;
  tags: string[];
  profilePictureUrl: string | null;
  /** Known only by a channel id: no phone and no email yet. */
  needsDetails: boolean;
}

/** The seed system's customer metadata, kept with the same names. */
export interface CustomerMetadata {
  source: Source;
  channel: Channel | null;
  firstContactAt: string | null;
  originalExternalId: string | null;
  lastSeenAt: string | null;
  profilePictureUrl: string | null;
}

export interface Identity {
  id: number;
  channel: Channel;
  account: string;
  externalId: string;
  displayName: string | null;
  phone: string | null;
  email: string | null;
  username: string | null;
  language: string | null;
  profilePictureUrl: string | null;
  isBusiness: boolean | null;
}

export interface Note {
  id: number;
  customerId: number;
  body: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationSummary {
  id: number;
  channel: Channel;
  account: string;
  identityId: number;
  customerId: number | null;
  /** Name of the customer, or of the channel profile while the person is not a customer. */
  label: string;
  profilePictureUrl: string | null;
  firstMessageAt: string | null;
  lastMessageAt: string | null;
  lastMessageText: string | null;
  lastMessageDirection: Direction | null;
  unreadCount: number;
}

/**
 * Another customer who may be the same person: they share a phone or email that one of the two
 * only claimed (typed into the web chat), so they were not joined. The agent merges or dismisses.
 */
export interface PossibleMatch {
  customerId: number;
  /** What to call them, as in the list. */
  label: string;
  reason: 'same_email' | 'same_phone';
  /**
   * The record a merge should keep: the one a channel (or the owner) vouches for, so its name
   * survives; between two of a kind, the older.
   */
  keepId: number;
}

export interface CustomerDetail extends CustomerSummary {
  nameLocked: boolean;
  metadata: CustomerMetadata;
  identities: Identity[];
  notes: Note[];
  conversations: ConversationSummary[];
  possibleMatches: PossibleMatch[];
  createdAt: string;
  updatedAt: string;
}

export interface Page<T> {
  items: T[];
  /** Pass back to get the next page; null on the last page. */
  nextCursor: string | null;
}

/** The seed's `GET /api/customers/stats` object. */
export interface CustomerStats {
  totalCustomers: number;
  newCustomersThisMonth: number;
  activeCustomersThisWeek: number;
}

export interface Message {
  id: number;
  conversationId: number;
  direction: Direction;
  text: string;
  timestamp: string;
  status: MessageStatus;
  error: string | null;
}

export interface TagCount {
  name: string;
  customers: number;
}

export interface IngestReport {
  received: number;
  /** Messages newly stored. */
  stored: number;
  /** Messages already in the database (redelivered): nothing changed. */
  duplicates: number;
  customersCreated: number;
  /** New channel identities joined to a customer already known by phone or email. */
  identitiesLinked: number;
  /** Past messages (a history import) of people erased since: left out, as the erasure promised. */
  erased: number;
}

/** One export or erasure of a person's data (the LGPD log): no name, no number, only the id. */
export interface DataRequest {
  id: number;
  kind: DataRequestKind;
  customerId: number;
  origin: DataRequestOrigin;
  at: string;
}

/** What an erasure did. */
export interface ErasureReport {
  customerId: number;
  messages: number;
  pictures: number;
  /** The write-ahead log was emptied too: no copy of the erased pages is left beside the file. */
  walEmptied: boolean;
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  skipped: { line: number; reason: string }[];
  /** Rows imported with part of them left out (an unreadable phone, say). */
  warnings: { line: number; reason: string }[];
}

export type ChannelStatus = 'connected' | 'connecting' | 'needs_qr' | 'error' | 'stopped';

/**
 * What a setting's value makes the owner's computer do beyond keeping it: run the program it
 * names, call the address it names, listen on the address it names, or write (and delete) files
 * where it says. Such a setting is changed
 * only on the computer itself (the desktop app, the command line), never over host mode.
 */
export type LocalOnly = 'runsProgram' | 'callsOut' | 'listens' | 'writesFiles';

/** A field of an account's form on the Channels page (and a flag of `clientela channels add`). */
export interface AccountField {
  key: string;
  type: 'text' | 'password' | 'url' | 'number' | 'boolean' | 'list';
  /** Kept in the secret store, never in the database, the logs or the renderer. */
  secret?: boolean;
  required?: boolean;
  /** Shown greyed in the empty field. */
  placeholder?: string;
  /** Set only on the Clientela computer itself; see LocalOnly. */
  localOnly?: LocalOnly;
}

/** What the Channels page needs to offer a channel: its form. */
export interface ChannelDriverInfo {
  channel: Channel;
  fields: AccountField[];
}

/** One connected account, with its settings (never its secrets) and its live status. */
export interface ChannelAccount {
  channel: Channel;
  /** The account's key, the `account` of its messages. */
  account: string;
  label: string;
  config: Record<string, unknown>;
  enabled: boolean;
  createdAt: string;
  status: ChannelStatus;
  /** Why, for `error`; the QR code's text, for `needs_qr`; for `connected`, a warning (SMS). */
  detail: string | null;
}

/** What the core announces after a commit; the renderer's store listens to these. */
export type DomainEvent =
  | { type: 'customer.created'; customerId: number }
  | { type: 'customer.updated'; customerId: number }
  | { type: 'customer.deleted'; customerId: number }
  | { type: 'conversation.updated'; conversationId: number; customerId: number | null }
  | {
      type: 'message.created';
      messageId: number;
      conversationId: number;
      direction: Direction;
      /** Past history being filled in (an import), not a message arriving now. */
      backfill?: true;
    }
  | { type: 'message.updated'; messageId: number; conversationId: number }
  | {
      type: 'channel.status';
      channel: Channel;
      account: string;
      status: ChannelStatus;
      /** Why, for `error`; the QR code's text, for `needs_qr`; for `connected`, a warning (SMS). */
      detail?: string;
    }
  | {
      type: 'channel.progress';
      channel: Channel;
      account: string;
      task: string;
      done: number;
      total: number;
      state: 'running' | 'done' | 'cancelled' | 'failed';
      detail?: string;
    }
  /** A backup under way: pages of the database copied so far, of `total`. */
  | { type: 'backup.progress'; done: number; total: number }
  /** A backup ended, taken or failed: its state is to be read again. */
  | { type: 'backup.finished'; ok: boolean };

/** Host mode as the desktop app runs it for the office network (Settings, "network access"). */
/**
 * What the desktop app's preload puts on the page as `window.clientela`: the contract's calls
 * over IPC and its events, nothing else. The renderer reads it with this type; the preload is
 * checked against it.
 */
export interface DesktopBridge {
  invoke(method: string, input: unknown): Promise<unknown>;
  /** Returns the function that stops listening. */
  subscribe(listener: (events: unknown[]) => void): () => void;
}

/** One backup: a folder holding a copy of the database and its pictures and media. */
export interface BackupSet {
  /** The backup's folder. */
  path: string;
  /** When it was taken (ISO 8601). */
  at: string;
  /** Its size on disk, the database and the pictures together. */
  bytes: number;
}

/** The backups as Settings shows them. */
export interface BackupStatus {
  /** Where backups go: the chosen folder, or `backups` beside the database. */
  folder: string;
  keep: number;
  /** The last backup that succeeded. */
  last: BackupSet | null;
  /** The last attempt failed, after `last`: when, and why. */
  failure: { at: string; reason: string } | null;
  /** What Settings warns about: no backup yet, the last older than two days, or a failure. */
  warning: 'never' | 'old' | 'failed' | null;
  /** The backups in the folder, newest first (those restore offers). */
  sets: BackupSet[];
  /** A backup under way: pages copied, of `total`. */
  running: { done: number; total: number } | null;
}

/** A restore: the database replaced, and where the file it replaced was kept. */
export interface RestoreResult {
  databaseFile: string;
  /** The replaced database, renamed beside it; null when there was none. */
  previous: string | null;
}

/** Which database the app has open, for the welcome screen and the demo's banner. */
export interface AppInfo {
  /** The open database file: where the data lives. */
  databaseFile: string;
  /** The throwaway demo with sample data is open, not the owner's database. */
  demo: boolean;
  /** No customer, conversation or channel account yet: the welcome screen shows. */
  empty: boolean;
}

export interface NetworkAccess {
  /** The address to share, its token included; null while switched off or failed. */
  url: string | null;
  /** Why it could not start (the port is taken, say). */
  error: string | null;
}
