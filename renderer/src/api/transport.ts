/** What every transport offers the renderer; pages only ever see this interface. */
import type { ExportCustomersRequest, Input, Method, Output } from '../../../src/api/contract';
import type { DomainEvent, NetworkAccess } from '../../../src/api/types';

export type { NetworkAccess };
import type { Page } from '../store/route';

/** What the client reports beside the core's domain events. */
export type ClientEvent =
  | DomainEvent
  | { type: 'export.progress'; done: number; total: number }
  /** The desktop app asks to show a page (a notification was clicked). */
  | { type: 'navigate'; page: Page; id: number | null }
  /** The event stream dropped or came back; after a drop, lists must be fetched again. */
  | { type: 'connection'; online: boolean };

export interface ExportResult {
  rows: number;
  /** Where the file went (the desktop app's save dialog), or null for a browser download. */
  path: string | null;
}

export interface ApiClient {
  /**
   * Whether the page runs on the Clientela computer itself (the desktop app), where the settings
   * host mode refuses (a program to run, an address to call, a port to open) may be changed.
   */
  readonly onThisComputer: boolean;
  invoke<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
  /** Returns the function that stops listening. */
  subscribe(listener: (events: ClientEvent[]) => void): () => void;
  /** Exports to a file the person chooses; null when they cancel. Progress arrives as events. */
  exportCustomers(request: ExportCustomersRequest): Promise<ExportResult | null>;
  /**
   * Saves one customer's data (the LGPD zip) where the person chooses, or downloads it in a
   * browser; null when they cancel. `path` is where it went (the desktop app), else null.
   */
  exportCustomerData(id: number): Promise<{ path: string | null } | null>;
  /** Where the page loads a cached profile picture (an `avatar:<file>` value) from. */
  avatarUrl(file: string): string;
  /**
   * The desktop app only: brings host mode in line with the "network access" setting and says
   * where others reach it. Absent in a browser, which is itself a host mode page.
   */
  networkAccess?(): Promise<NetworkAccess>;
  /** The desktop app only: replaces host mode's access token; says the new address. */
  replaceHostToken?(): Promise<NetworkAccess>;
  /** The desktop app only: the system's dialog to pick a program; null when cancelled. */
  chooseProgram?(title: string): Promise<string | null>;
  /** The desktop app only: the system's dialog to pick a folder (backups); null when cancelled. */
  chooseFolder?(title: string): Promise<string | null>;
}

/** An error from the core, with its code (bad_input, not_found, conflict...). */
export class ApiCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiCallError';
  }
}
