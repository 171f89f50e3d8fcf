/**
 * The database the app works on: the owner's own, or a throwaway demo filled with sample data so
 * the screens can be seen before any channel is connected. The desktop app and `clientela serve`
 * each hold one workspace and follow its switches; the demo lives in its own folder beside the
 * owner's database (`demo/`), with its own avatars, channels and secrets, and leaving it deletes
 * that folder and nothing else.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AppInfo, RestoreResult } from '../api/types';
import { completeRestore, discardRestore } from '../backup/restore';
import { ApiError } from '../api/errors';
import { appInfo, createHandlers, type HandlerTables } from '../handlers';
import type { ChannelService } from '../channels/service';
import type { Core } from '../core';
import { texts } from '../i18n/texts';
import type { Listener } from '../events/event-bus';
import { fillSampleData } from './sample-data';

/** The demo's folder beside the owner's database file. */
export function demoFolderFor(file: string): string {
  return join(dirname(file), 'demo');
}

export interface WorkspaceOptions {
  /** The owner's database file. */
  file: string;
  /** Opens a database file (with the runtime's native binding and migrations). */
  open(file: string): Core;
  /** The channel service of an open database (the desktop app's keychain-backed secrets...). */
  channels(core: Core): ChannelService;
}

export interface Workspace {
  /** The owner's database file, whichever is open. */
  readonly file: string;
  readonly core: Core;
  readonly channels: ChannelService;
  /** True while the demo is open. */
  readonly demo: boolean;
  /** The API's handler tables over the database in use: this computer's own, and host mode's. */
  readonly handlers: HandlerTables;
  /** Starts the connectors and daily backups of the owner's database; none run in the demo. */
  start(): Promise<void>;
  /** Switches to a fresh demo filled with sample data; only while the owner's database is empty. */
  enterDemo(): Promise<AppInfo>;
  /** Deletes the demo and switches back to the owner's database. */
  leaveDemo(): Promise<AppInfo>;
  /** Replaces the owner's database with a checked backup and goes on with it. */
  restore(from: string): Promise<RestoreResult>;
  /** Calls `listener` after every switch; returns the function that stops. */
  onSwitch(listener: () => void): () => void;
  /** Listens to the events of whichever database is open, across switches; returns the stop. */
  subscribe(listener: Listener): () => void;
  /** Stops the connectors and closes the database. */
  close(): Promise<void>;
}

interface Open {
  core: Core;
  channels: ChannelService;
  demo: boolean;
  handlers: HandlerTables;
}

/**
 * Opens the owner's database, or the demo when one was left open (a demo survives a restart
 * until the owner leaves it, so an app reopened mid-tour does not look emptied).
 */
export function openWorkspace(options: WorkspaceOptions): Workspace {
  const demoFile = join(demoFolderFor(options.file), 'clientela.db');
  const listeners = new Set<() => void>();
  const subscribers = new Set<Listener>();
  let running = false;
  // One switch at a time: two clicks on "sample data" must not open two demos.
  let queue: Promise<unknown> = Promise.resolve();
  let current = mount(existsSync(demoFile) ? demoFile : options.file);

  function mount(file: string): Open {
    const core = options.open(file);
    // Only the database in use speaks: the demo being filled is not, until the switch.
    core.bus.subscribe((events) => {
      if (current.core === core) subscribers.forEach((listener) => listener(events));
    });
    const channels = options.channels(core);
    const demo = file === demoFile;
    const workspace = {
      demo,
      enterDemo: () => switchTo(true),
      leaveDemo: () => switchTo(false),
      restore: (from: string) => restore(from),
    };
    const handlers = {
      local: createHandlers(core, channels, { from: 'local', workspace }),
      network: createHandlers(core, channels, { from: 'network', workspace }),
    };
    return { core, channels, demo, handlers };
  }

  /** Starts what runs on the owner's database: its connectors and its daily backups. */
  async function run(open: Open): Promise<void> {
    if (open.demo) return;
    open.core.backups.schedule();
    await open.channels.start();
  }

  async function unmount(open: Open): Promise<void> {
    await open.channels.stop();
    await open.core.backups.idle();
    open.core.close();
  }

  const info = () => appInfo(current.core, current.channels, current.demo);
  const removeDemo = () => rmSync(demoFolderFor(options.file), { recursive: true, force: true });

  async function enter(): Promise<void> {
    if (current.demo) return;
    if (!info().empty) throw new ApiError('conflict', texts().demoOnlyWhenEmpty);
    const carried = current.core.settings.get();
    await unmount(current);
    removeDemo();
    try {
      // Beside the owner's data, and as private as it.
      mkdirSync(demoFolderFor(options.file), { recursive: true, mode: 0o700 });
      const next = mount(demoFile);
      // The demo speaks the owner's language, in the owner's time zone.
      next.core.settings.update(carried);
      fillSampleData(next.core);
      current = next;
    } catch (error) {
      removeDemo();
      current = mount(options.file);
      if (running) await run(current);
      throw error;
    }
  }

  async function leave(): Promise<void> {
    if (!current.demo) return;
    await unmount(current);
    removeDemo();
    current = mount(options.file);
    if (running) await run(current);
  }

  /**
   * Replaces the owner's database with a backup: checked first, while everything runs on (a
   * refused copy changes nothing); then the connectors stop, the database closes, the files are
   * swapped, and the restored database opens in its place.
   */
  async function restoreNow(from: string): Promise<RestoreResult> {
    if (current.demo) throw new ApiError('conflict', texts().restoreInDemo);
    const prepared = current.core.backups.prepareRestore(from);
    await unmount(current);
    try {
      return completeRestore(prepared, new Date(current.core.now()));
    } finally {
      discardRestore(prepared);
      current = mount(options.file);
      if (running) await run(current);
    }
  }

  /** Runs one switch of the database after the others; listeners hear of it once it is done. */
  function inTurn<T>(change: () => Promise<T>): Promise<T> {
    const next = queue.then(async () => {
      const before = current;
      try {
        return await change();
      } finally {
        if (current !== before) for (const listener of listeners) listener();
      }
    });
    queue = next.catch(() => undefined);
    return next;
  }

  const switchTo = (demo: boolean) =>
    inTurn(async () => {
      await (demo ? enter() : leave());
      return info();
    });
  function restore(from: string): Promise<RestoreResult> {
    return inTurn(() => restoreNow(from));
  }

  return {
    file: options.file,
    get core() {
      return current.core;
    },
    get channels() {
      return current.channels;
    },
    get demo() {
      return current.demo;
    },
    get handlers() {
      return current.handlers;
    },
    async start() {
      running = true;
      await run(current);
    },
    enterDemo: () => switchTo(true),
    leaveDemo: () => switchTo(false),
    restore,
    onSwitch(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribe(listener) {
      subscribers.add(listener);
      return () => subscribers.delete(listener);
    },
    async close() {
      await queue;
      running = false;
      await unmount(current);
    },
  };
}
