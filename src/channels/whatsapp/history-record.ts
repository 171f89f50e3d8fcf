/**
 * What an account remembers of its history imports, in a file of its folder: whether the first
 * import ran (and how it ended), whether the phone had finished syncing when it last ran, and
 * until when the account was last connected (the start of the gap to fill on the next connection).
 */
import { readFileSync, writeFileSync } from 'node:fs';

export interface HistoryRecord {
  /** When an import last finished. */
  at: string;
  /** How the last import ended: a cancel by the owner is respected, and not undone by itself. */
  outcome: 'done' | 'cancelled';
  /** Whether an import ran after the phone's first sync settled (or the owner said no). */
  settled: boolean;
  /** Unix seconds until which everything is stored: the last connection's end. */
  seenUntil: number;
}

/** The record of one account, in `file`. */
export function historyRecord(file: string) {
  function read(): HistoryRecord | null {
    try {
      const stored = JSON.parse(readFileSync(file, 'utf8')) as Partial<HistoryRecord>;
      if (stored.outcome !== 'done' && stored.outcome !== 'cancelled') return null;
      return {
        at: String(stored.at),
        outcome: stored.outcome,
        // Written before the re-run existed: its first import may have missed what synced late.
        settled: stored.settled === true,
        seenUntil: Number(stored.seenUntil ?? Date.parse(String(stored.at)) / 1000) || 0,
      };
    } catch {
      return null;
    }
  }

  return {
    read,
    /** Notes an import that ended, which had everything up to `seenUntil`. */
    finished(outcome: HistoryRecord['outcome'], seenUntil: number, settles: boolean): void {
      const before = read();
      const record: HistoryRecord = {
        at: new Date().toISOString(),
        outcome,
        settled: Boolean(before?.settled) || settles || outcome === 'cancelled',
        seenUntil: Math.max(before?.seenUntil ?? 0, seenUntil),
      };
      writeFileSync(file, JSON.stringify(record));
    },
    /** Notes that the account was connected until now (after its first import only). */
    seen(): void {
      const before = read();
      if (!before) return;
      writeFileSync(file, JSON.stringify({ ...before, seenUntil: Math.floor(Date.now() / 1000) }));
    },
  };
}
export type HistoryRecords = ReturnType<typeof historyRecord>;
