/**
 * The InboundEvent parser and `clientela ingest`'s reader over a real database: examples, and
 * properties over any event and any line. Whatever a line holds, it is stored as the app
 * normalises it or reported with its number and reason, and a refused line changes nothing.
 */
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore, whatsapp, type TestCore } from '../testing/fixtures';
import { ingestJsonLines } from './jsonl';

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
