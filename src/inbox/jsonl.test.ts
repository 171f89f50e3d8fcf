/**
 * The InboundEvent parser and `clientela ingest`'s reader over a real database: examples, and
 * properties over any event and any line. Whatever a line holds, it is stored as the app
 * normalises it or reported with its number and reason, and a refused line changes nothing.
 */
import fc from 'fast-check';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { isWholeText, preview } from '../shared/text';
import { dumpDatabase, dumpDifference } from '../testing/database-dump';
import { tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import { awkwardText, mutated, oversizedText } from '../testing/hostile-input';
import { holds, PROPERTY_TIMEOUT, reportCasesTried } from '../testing/properties';
import { arbitraryOf } from '../testing/schema-arbitrary';
import { InboundEventSchema, type InboundEvent, type InboundEventInput } from './inbound-event';
import { ingestJsonLines } from './jsonl';

reportCasesTried('InboundEvent lines');

let core: TestCore;
afterEach(() => core?.dispose());

const lines = (...items: unknown[]) =>
  Readable.from([items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('\n')]);

const storedTexts = () =>
  core.db
    .prepare<[], { text: string }>('SELECT text FROM messages ORDER BY id')
    .all()
    .map((m) => m.text);

describe('clientela ingest reading JSON Lines', () => {
  it('keeps a message whose text holds half of a character, with U+FFFD in its place', async () => {
    core = tempCore();
    // JSON can say "\ud83d" alone: half of 😀, which UTF-8 (the database's text) cannot hold.
    const line = JSON.stringify(whatsapp('5511999998888', { text: 'Oi 😀' })).replace(
      '😀',
      '\\ud83d',
    );
    const report = await ingestJsonLines(core.inbox, lines(line));
    expect(report).toMatchObject({ stored: 1, badLines: [] });
    expect(storedTexts()).toEqual(['Oi \uFFFD']);
    expect(core.conversations.list({ limit: 1 }).items[0]!.lastMessageText).toBe('Oi \uFFFD');
  });
});

/** Instants a connector may stamp, with or without an offset, anywhere from 1970 to 2100. */
const timestamp = fc
  .tuple(
    fc.date({ min: new Date(0), max: new Date('2100-01-01'), noInvalidDate: true }),
    fc.constantFrom('Z', '+00:00', '-03:00', '+05:45'),
  )
  .map(([date, zone]) => {
    if (zone === 'Z' || zone === '+00:00') return date.toISOString().replace('Z', zone);
    const [sign, hours, minutes] = [
      zone[0] === '-' ? -1 : 1,
      Number(zone.slice(1, 3)),
      Number(zone.slice(4)),
    ];
    const local = new Date(date.getTime() + sign * (hours * 60 + minutes) * 60_000);
    return local.toISOString().replace('Z', zone);
  });

/** Events the schema accepts, written with awkward text of up to `text`'s length. */
const eventsWith = (text: fc.Arbitrary<string>) =>
  arbitraryOf(InboundEventSchema, {
    messageId: awkwardText(400).filter((id) => id.length > 0),
    externalUserId: fc
      .oneof(awkwardText(100), fc.constantFrom('5511999998888@c.us', '+5511999998888'))
      .filter((id) => id.length > 0),
    text,
    timestamp,
  }).filter((input): input is InboundEventInput => InboundEventSchema.safeParse(input).success);

/** Any valid event, up to the longest text allowed (65,536 characters). */
const validEvents = eventsWith(
  fc.oneof(
    awkwardText(2_000),
    oversizedText.filter((t) => t.length <= 65_536),
  ),
);
/** Valid events with short texts: the lines around a bad one. */
const shortEvents = eventsWith(awkwardText(200));

let sequence = 0;

/** Rows inserted, updated or deleted through this database's connection so far (SQLite's count). */
const rowsWritten = (test: TestCore) =>
  test.db.prepare('SELECT total_changes()').pluck().get() as number;

/** Every row of every table, the search index's too. */
const everything = (db: TestCore['db']) => dumpDatabase(db, { searchIndex: true });

/** The message stored for an event, as the database holds it. */
const storedMessage = (event: InboundEvent) =>
  core.db
    .prepare<[string, string, string], { text: string; timestamp: number; direction: string }>(
      'SELECT text, timestamp, direction FROM messages WHERE channel = ? AND account = ? AND external_id = ?',
    )
    .get(event.channel, event.account, event.messageId);

describe('any line clientela ingest is given', () => {
  it(
    'stores a valid event once, as the app normalises it, and a redelivery changes nothing',
    async () => {
      core = tempCore();
      await holds(
        fc.asyncProperty(validEvents, async (generated) => {
          // A message id of its own, also when fast-check tries a case again while shrinking it.
          const input = { ...generated, messageId: `${generated.messageId}#${++sequence}` };
          const event = InboundEventSchema.parse(input);
          const report = await ingestJsonLines(core.inbox, lines(input));
          expect(report).toMatchObject({ stored: 1, duplicates: 0, badLines: [] });
          expect(storedMessage(event)).toEqual({
            text: event.text,
            timestamp: Date.parse(event.timestamp),
            direction: event.direction,
          });
          const conversation = core.db
            .prepare<[string, string], { lastText: string; lastKey: string }>(
              `SELECT cv.last_message_text AS lastText, cv.last_message_key AS lastKey
             FROM conversations cv JOIN identities i ON i.id = cv.identity_id
             WHERE i.channel = ? AND i.external_id = ?`,
            )
            .get(event.channel, event.externalUserId)!;
          if (conversation.lastKey === event.messageId)
            expect(conversation.lastText).toBe(preview(event.text));
          expect(isWholeText(conversation.lastText)).toBe(true);

          // The same line again writes no row at all (SQLite counts every row a statement
          // inserts, updates or deletes), whatever the database already holds.
          const before = rowsWritten(core);
          const again = await ingestJsonLines(core.inbox, lines(input));
          expect(again).toMatchObject({ stored: 0, duplicates: 1 });
          expect(rowsWritten(core)).toBe(before);
        }),
      );
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'reports a line that is no event by its number and reason, stores the lines around it, and changes nothing else',
    async () => {
      core = tempCore();
      // A twin fed the same files without their bad lines: the two must stay alike, row for row.
      const twin = tempCore();
      const notEvents = fc.oneof(
        mutated(shortEvents).map((value) => JSON.stringify(value) ?? 'undefined'),
        shortEvents.map((event) => JSON.stringify(event).slice(0, -3)),
        fc.string({ unit: 'binary', maxLength: 200 }).filter((t) => !/[\n\r]/.test(t)),
        fc.constantFrom('null', '[]', '{}', '"texto"', '1e999', '{"__proto__":{"channel":"sms"}}'),
      );
      const around = fc.tuple(shortEvents, shortEvents, fc.nat(3));
      try {
        await holds(
          fc.asyncProperty(notEvents, around, async (line, [first, last, blanks]) => {
            const parsed = (() => {
              try {
                return InboundEventSchema.safeParse(JSON.parse(line)).success;
              } catch {
                return false;
              }
            })();
            // A mutation may leave a valid event (an unknown field is ignored): stored as any other.
            fc.pre(!parsed && line.trim() !== '');
            const [coreBefore, twinBefore] = [rowsWritten(core), rowsWritten(twin)];
            const report = await ingestJsonLines(
              core.inbox,
              lines(first, ...Array<string>(blanks).fill(''), line, last),
            );
            expect(report.badLines).toEqual([{ line: blanks + 2, reason: expect.any(String) }]);
            expect(report.badLines[0]!.reason.trim()).not.toBe('');
            expect(report).toMatchObject({ lines: 3, received: 2 });
            expect(report.stored + report.duplicates).toBe(2);
            await ingestJsonLines(twin.inbox, lines(first, last));
            // The bad line wrote no row: the file with it wrote as many as the file without.
            expect(rowsWritten(core) - coreBefore).toBe(rowsWritten(twin) - twinBefore);
          }),
        );
        expect(dumpDifference(everything(twin.db), everything(core.db))).toEqual([]);
      } finally {
        twin.dispose();
      }
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'reads any file to its end, accounting for every line, however it is broken',
    async () => {
      core = tempCore();
      const anyLine = fc.oneof(
        shortEvents.map((event) => JSON.stringify(event)),
        fc.string({ unit: 'binary', maxLength: 80 }),
        fc.constantFrom('', '\r', '\u2028', '{', '\uFEFF{}', '\u0000'),
      );
      await holds(
        fc.asyncProperty(
          fc.array(anyLine, { maxLength: 12 }),
          fc.constantFrom('\n', '\r\n'),
          async (file, eol) => {
            const report = await ingestJsonLines(core.inbox, Readable.from([file.join(eol)]));
            expect(report.lines).toBe(report.received + report.badLines.length);
            expect(report.received).toBe(report.stored + report.duplicates);
            for (const bad of report.badLines) expect(bad.reason.trim()).not.toBe('');
          },
        ),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
