/**
 * Crash safety of `clientela ingest`: the real command, as its own process, killed with SIGKILL at
 * random moments while it stores a large JSON Lines file, and run again each time. However often
 * it dies, the database must end as a clean run leaves it. `npm run test:crash:long` kills 200
 * times (CLIENTELA_CRASH_KILLS); CLIENTELA_SEED replays a run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from './core';
import type { InboundEventInput } from './inbox/inbound-event';
import { CLOCK_COLUMNS, crashedDatabase, dumpDifference, dumpFile } from './testing/database-dump';
import { builtCli, runCli, startCli } from './testing/cli-process';
import { seededRandom, testSeed, withSeed, type Random } from './testing/seeded-random';
import { NOW } from './testing/fixtures';

const KILLS = Number(process.env.CLIENTELA_CRASH_KILLS ?? 20);
/** Two transactions of the CLI's 20,000 events and a short third: kills land inside and between. */
const EVENTS = 45_000;
/** Then the import is left to finish, and checked; a new one starts on a fresh database. */
const KILLS_PER_ROUND = 5;
const seed = testSeed();

let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'clientela-crash-'));
  await builtCli();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS = [
  'Olá! Vocês entregam hoje?',
  'Qual o preço do bolo de cenoura? 🥕🎂',
  'مرحبا، هل يمكنني الطلب؟',
  'שלום, אפשר להזמין?',
  "'; DROP TABLE messages; --",
  'linha 1\nlinha 2\r\n\ttabulada',
  'com \u0000 um NUL no meio',
  '👨‍👩‍👧‍👦'.repeat(40),
  '',
];

interface Person {
  channel: InboundEventInput['channel'];
  account: string;
  externalUserId: string;
  phone?: string;
  email?: string;
  username?: string;
  displayName?: string;
}

/** People of every channel; some SMS numbers are WhatsApp people's (written the old way, too). */
function people(random: Random, count: number): Person[] {
  const mobile = () => `55${random.int(11, 99)}9${random.int(60_000_000, 99_999_999)}`;
  const all: Person[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random.next();
    const name = random.pick(['Maria Souza', 'João', 'عمر', 'Zoë 🌸', '', 'Ana Lima', 'Robert)']);
    if (roll < 0.4) {
      const digits = mobile();
      all.push({
        channel: 'whatsapp',
        account: random.pick(['default', 'filial']),
        externalUserId: `${digits}@c.us`,
        displayName: name || undefined,
      });
    } else if (roll < 0.55) {
      const known = all.find((p, j) => p.channel === 'whatsapp' && j % 7 === i % 7);
      const digits = known ? known.externalUserId.slice(0, 13) : mobile();
      // Half of the numbers already known come without the ninth digit, as old phones send them.
      const written = known && random.chance(0.5) ? digits.slice(0, 4) + digits.slice(5) : digits;
      all.push({ channel: 'sms', account: 'default', externalUserId: `+${written}` });
    } else if (roll < 0.8) {
      all.push({
        channel: 'telegram',
        account: 'loja',
        externalUserId: String(random.int(10_000, 9_999_999_999)),
        username: random.chance(0.6) ? `user${i}` : undefined,
        displayName: name || undefined,
      });
    } else {
      all.push({
        channel: 'webchat',
        account: 'site',
        externalUserId: `visitor-${i.toString(36)}`,
        email: random.chance(0.3)
          ? `cliente${random.int(0, count / 20)}@exemplo.com.br`
          : undefined,
        displayName: name || undefined,
      });
    }
  }
  return all;
}

/** The file to ingest: events out of time order, some delivered twice, a few bad lines. */
function eventsFile(random: Random): { file: string; events: Map<string, InboundEventInput> } {
  const crowd = people(random, EVENTS / 5);
  const events = new Map<string, InboundEventInput>();
  const lines: string[] = [];
  const from = Date.parse('2025-06-01T00:00:00Z');
  for (let i = 0; i < EVENTS; i++) {
    if (i > 0 && random.chance(0.02)) {
      lines.push(lines[random.int(0, lines.length - 1)]!);
      continue;
    }
    if (random.chance(0.001)) {
      lines.push(random.pick(['{"channel":"whatsapp"', 'not json', '{"channel":"fax"}']));
      continue;
    }
    const person = random.pick(crowd);
    const at = new Date(from + random.int(0, NOW - from));
    const event: InboundEventInput = {
      ...person,
      direction: random.chance(0.85) ? 'in' : 'out',
      messageId: `${person.channel}-${i}`,
      text: random.pick(TEXTS),
      // Some connectors give local time with an offset; the instant is what counts.
      timestamp: random.chance(0.1) ? at.toISOString().replace('Z', '+00:00') : at.toISOString(),
    };
    events.set(`${event.channel}\n${event.account}\n${event.messageId}`, event);
    lines.push(JSON.stringify(event));
  }
  const file = join(dir, 'events.jsonl');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { file, events };
}

/** Checks the file a kill left; returns the messages it holds. */
function checkIntegrity(file: string): number {
  const found = crashedDatabase(file);
  expect(found?.integrity ?? 'ok').toBe('ok');
  expect(found?.orphans ?? []).toEqual([]);
  return found?.messages ?? 0;
}

const ingest = (db: string, file: string) => ['ingest', '--db', db, file];

/** The database a clean run wrote, row for row, but for the clock at the time of writing. */
const dump = (file: string) => dumpFile(file, { ignoreColumns: CLOCK_COLUMNS, searchIndex: true });

describe('clientela ingest killed at random moments', () => {
  it(
    `stores every event exactly once after ${KILLS} kills, as a clean run does`,
    () =>
      withSeed(seed, async () => {
        const random = seededRandom(seed);
        const { file, events } = eventsFile(random);

        const clean = join(dir, 'clean.db');
        const started = Date.now();
        const first = await runCli(ingest(clean, file));
        const cleanMs = Date.now() - started;
        // Exit code 2: the bad lines were reported, and everything else stored.
        expect(first.code, first.output).toBe(2);
        expect(first.output).toContain(`${events.size} messages stored`);
        const cleanDump = dump(clean);

        // Rounds: a fresh database killed up to KILLS_PER_ROUND times, then left to finish and
        // compared with the clean one; so kills fall at every stage of an import, not only on
        // the re-reading of a file already stored.
        const progress: number[][] = [];
        let kills = 0;
        let crashed = '';
        while (kills < KILLS) {
          crashed = join(dir, `crashed-${progress.length}.db`);
          const round: number[] = [];
          for (;;) {
            const run = await startCli(ingest(crashed, file));
            if (kills < KILLS && round.length < KILLS_PER_ROUND)
              // Anywhere from start-up to the end of a whole clean run.
              await Promise.race([sleep(random.next() * cleanMs), run.exited]);
            else await run.exited;
            if (await run.kill()) {
              kills++;
              round.push(checkIntegrity(crashed));
            } else {
              expect(await run.exited, run.output()).toBe(2);
              break;
            }
          }
          // A round whose first run got to the end before its kill was one more clean run.
          if (round.length === 0) continue;
          progress.push(round);
          checkIntegrity(crashed);
          expect(dumpDifference(cleanDump, dump(crashed))).toEqual([]);
        }

        // The last round, in detail: every event once, each with its own text and time.
        const core = openCore(crashed, { now: () => NOW });
        const cleanCore = openCore(clean, { now: () => NOW });
        try {
          const stored = core.db
            .prepare<[], { key: string; text: string; timestamp: number }>(
              `SELECT channel || char(10) || account || char(10) || external_id AS key, text, timestamp
               FROM messages`,
            )
            .all();
          expect(stored).toHaveLength(events.size);
          for (const message of stored) {
            const event = events.get(message.key);
            expect(event, message.key).toBeDefined();
            expect([message.text, message.timestamp]).toEqual([
              event!.text,
              Date.parse(event!.timestamp),
            ]);
          }
          const zone = 'America/Sao_Paulo';
          expect(core.customers.stats.stats(NOW, zone)).toEqual(
            cleanCore.customers.stats.stats(NOW, zone),
          );
        } finally {
          core.close();
          cleanCore.close();
        }

        // The same file once more: nothing new, nothing changed.
        const again = await runCli(ingest(crashed, file));
        expect(again.output).toMatch(
          /: 0 messages stored, \d+ already present .* 0 customers created/,
        );
        expect(dumpDifference(cleanDump, dump(crashed))).toEqual([]);

        console.log(
          `ingest crash (seed ${seed}): ${kills} kills survived in ${progress.length} imports of ` +
            `${events.size} events, each then equal to a clean run; messages stored at each kill: ` +
            `${progress.map((r) => r.join(' ')).join(' | ')}; clean run ${cleanMs} ms`,
        );
      }),
    KILLS * 6_000 + 60_000,
  );
});
