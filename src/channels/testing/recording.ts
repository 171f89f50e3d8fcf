/** What a channel account tells the app during a test: its statuses and its log lines. */
import { inspect } from 'node:util';
import type { Log } from '../connector';
import type { TestCore } from '../../testing/fixtures';

export interface Recording {
  /** Every status the account announced, in order: "connected", "error: <why>". */
  statuses: string[];
  /** Every log line, to check that no secret is ever written. */
  logs: string[];
}

/** Starts recording the statuses `core` announces; `log` is the account's log to hand over. */
export function recordAccount(core: TestCore): Recording & { log: Log; unsubscribe: () => void } {
  const statuses: string[] = [];
  const logs: string[] = [];
  const unsubscribe = core.bus.subscribe((events) => {
    for (const e of events)
      if (e.type === 'channel.status')
        statuses.push(e.detail ? `${e.status}: ${e.detail}` : e.status);
  });
  const log: Log = {
    info: (line) => logs.push(line),
    // inspect() prints the whole cause chain: a token hidden anywhere in it would show.
    error: (line, error) => logs.push(`${line} ${error === undefined ? '' : inspect(error)}`),
  };
  return { statuses, logs, log, unsubscribe };
}
