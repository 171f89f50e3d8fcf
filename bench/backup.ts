/**
 * A backup of the whole database while the customer list is being read: list pages and searches
 * run one after another on a reader connection of their own (as host mode's requests arrive, one
 * event-loop turn each) while `takeBackup` copies the database in steps on the same thread. Each
 * request's wait is the time from its arrival (its turn being queued) to its answer: a backup step
 * that holds the thread shows up there. Compared with the same requests with no backup running.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { takeBackup } from '../src/backup/take';
import { createCustomerList } from '../src/customers/list';
import type { Core } from '../src/core';
import { PAGES_PER_STEP } from '../src/db/copy';
import { int, mb, ms, seconds } from './measure';
import type { Report } from './report';

const WAIT_TARGET_MS = 50;

/** What an owner does on the list: pages in each order, and searches as they type. */
const REQUESTS = [
  { sort: 'lastSeen' },
  { sort: 'name' },
  { sort: 'firstContact', order: 'asc' },
  { search: 'ma' },
  { search: 'maria sou' },
  { search: '(11) 98' },
  { search: 'conceição' },
  { sort: 'lastSeen', search: '9' },
] as const;

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** One request's wait, in milliseconds. */
interface Wait {
  millis: number;
}

/** Runs the requests in a loop until `until` resolves; each request's wait. */
async function readWhile(core: Core, zone: string, until: Promise<unknown>): Promise<Wait[]> {
  const reader = core.openReader();
  const list = createCustomerList(reader);
  const waits: Wait[] = [];
  let done = false;
  void until.finally(() => (done = true));
  try {
    for (let i = 0; !done; i++) {
      const arrived = performance.now();
      await turn();
      list.list({ limit: 50, sort: 'lastSeen', ...REQUESTS[i % REQUESTS.length] }, zone);
      waits.push({ millis: performance.now() - arrived });
    }
  } finally {
    reader.close();
  }
  return waits;
}

const worst = (waits: Wait[]) => Math.max(...waits.map((w) => w.millis));
const median = (waits: Wait[]) =>
  waits.map((w) => w.millis).sort((a, b) => a - b)[waits.length >> 1]!;

/** The wait `share` of the requests stay within (0.99: the 99th percentile). */
const percentile = (waits: Wait[], share: number) =>
  waits.map((w) => w.millis).sort((a, b) => a - b)[Math.floor((waits.length - 1) * share)]!;

/** Measures a backup of `core`'s database while its list is read; adds the rows to `report`. */
export async function measureBackup(
  core: Core,
  report: Report,
  options: { dir: string; zone: string },
): Promise<void> {
  const folder = join(options.dir, 'backups');
  rmSync(folder, { recursive: true, force: true });
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const start = performance.now();
  const backup = takeBackup(core.db.name, { folder, keep: 1 }, { at: new Date() });
  const [waits, set] = await Promise.all([readWhile(core, options.zone, backup), backup]);
  const millis = performance.now() - start;
  loop.disable();
  rmSync(folder, { recursive: true, force: true });
  // The same requests for as long with no backup: on a shared machine the other processes make
  // some requests wait too, and only the difference is the backup's.
  const idle = await readWhile(core, options.zone, new Promise((r) => setTimeout(r, millis)));

  const extra = worst(waits) - worst(idle);
  report.add({
    measure: `Backup while the list is read: how much longer the slowest list page or search waited (${int(waits.length)} requests during the backup, ${int(idle.length)} for as long without)`,
    figure: `${ms(Math.max(0, extra))} (worst ${ms(worst(waits))} during, ${ms(worst(idle))} without)`,
    reference:
      `median ${ms(median(waits))} during, ${ms(median(idle))} without; p99 ${ms(percentile(waits, 0.99))} ` +
      `during, ${ms(percentile(idle, 0.99))} without; the app's thread held at most ${ms(loop.max / 1e6)} during`,
    target: `≤ ${WAIT_TARGET_MS} ms`,
    met: extra <= WAIT_TARGET_MS,
  });
  report.add({
    measure: 'Backup of the whole database (online, in steps)',
    figure: `${seconds(millis)}, ${mb(set.bytes)}`,
    reference: `${PAGES_PER_STEP} pages per step, from one read snapshot`,
    target: 'none set',
    met: null,
  });
}
