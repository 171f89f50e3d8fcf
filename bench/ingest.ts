/** Ingest phase: the whole data set through `core.inbox.ingestBatch`, timed batch by batch. */
import type { IngestReport } from '../src/api/types';
import type { Core } from '../src/core';
import { dataset, type Tally } from './dataset';
import { cpuSince } from './measure';

export interface IngestResult {
  events: number;
  /** Time inside ingestBatch, plus the final WAL checkpoint; not the making of the events. */
  millis: number;
  /** Time spent making the events (excluded above). */
  generateMillis: number;
  checkpointMillis: number;
  /** CPU time of this process over the same span: what the work costs when others share the cores. */
  cpuMillis: number;
  /** Events per second over the first and the last tenth of the batches. */
  firstTenthRate: number;
  lastTenthRate: number;
  slowestBatchMillis: number;
  totals: Omit<IngestReport, 'received'>;
}

export function ingestAll(
  core: Core,
  options: { people: number; batchSize: number; tally: Tally; onProgress?: (done: number) => void },
): IngestResult {
  const batchMillis: number[] = [];
  const totals = { stored: 0, duplicates: 0, customersCreated: 0, identitiesLinked: 0, erased: 0 };
  let events = 0;
  let generateMillis = 0;
  const batches = dataset(options);
  let cpuMillis = 0;
  for (;;) {
    const made = performance.now();
    const next = batches.next();
    generateMillis += performance.now() - made;
    if (next.done) break;
    const batch = next.value;
    const start = performance.now();
    const cpu = process.cpuUsage();
    const report = core.inbox.ingestBatch(batch, {});
    batchMillis.push(performance.now() - start);
    cpuMillis += cpuSince(cpu);
    events += batch.length;
    totals.stored += report.stored;
    totals.duplicates += report.duplicates;
    totals.customersCreated += report.customersCreated;
    totals.identitiesLinked += report.identitiesLinked;
    totals.erased += report.erased;
    if (batchMillis.length % 50 === 0) options.onProgress?.(events);
  }
  // The bare reference's time ends with closing its file, which checkpoints the WAL; so does this.
  const checkpointStart = performance.now();
  const checkpointCpu = process.cpuUsage();
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  const checkpointMillis = performance.now() - checkpointStart;
  cpuMillis += cpuSince(checkpointCpu);
  const tenth = Math.max(1, Math.floor(batchMillis.length / 10));
  const rate = (slice: number[]) =>
    Math.round((slice.length * options.batchSize * 1000) / slice.reduce((a, b) => a + b, 0));
  return {
    events,
    millis: batchMillis.reduce((a, b) => a + b, 0) + checkpointMillis,
    generateMillis,
    checkpointMillis,
    cpuMillis,
    firstTenthRate: rate(batchMillis.slice(0, tenth)),
    lastTenthRate: rate(batchMillis.slice(-tenth - 1, -1)),
    slowestBatchMillis: Math.max(...batchMillis),
    totals,
  };
}
