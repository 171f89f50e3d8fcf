import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOW, tempCore, type TestCore } from '../testing/fixtures';
import { PERSONAL_DATA_FORMAT } from './export';
import { NEEDLES, PERSON, PICTURE, seedBystanders, seedPerson } from './testing/person';
import { readZip } from './testing/read-zip';

describe("a customer's data export", () => {
  let core: TestCore;
  let id: number;
  beforeEach(() => {
    core = tempCore();
    seedBystanders(core);
    id = seedPerson(core);
  });
  afterEach(() => core.dispose());

  function exported(): { name: string; files: Record<string, Buffer> } {
    const chunks: Uint8Array[] = [];
    const name = core.privacy.exportZip(id, 'cli', (chunk) => chunks.push(chunk));
    const file = join(core.dir, name);
    writeFileSync(file, Buffer.concat(chunks));
    return { name, files: readZip(file) };
  }

  it('is one zip with a readme, her JSON and her picture', () => {
    const { name, files } = exported();
    expect(name).toBe(`clientela-cliente-${id}-2026-11-24.zip`);
    expect(Object.keys(files)).toEqual([
      'README.txt',
      'customer.json',
      expect.stringMatching(/^pictures\/[0-9a-f]{32}\.png$/),
    ]);
    expect(files['README.txt']!.toString()).toContain('customer.json');
    const picture = Object.entries(files).find(([path]) => path.startsWith('pictures/'))!;
    expect(picture[1].equals(PICTURE)).toBe(true);
  });

  it('holds her profile, identities, every message, notes and tags', () => {
    const { files } = exported();
    const data = JSON.parse(files['customer.json']!.toString('utf8'));
    expect(data.format).toBe(PERSONAL_DATA_FORMAT);
    expect(data.exportedAt).toBe(new Date(NOW).toISOString());
    const picture = data.files[0].path;
    expect(data.customer).toMatchObject({
      id,
      name: PERSON.typedName,
      phone: `+${PERSON.digits}`,
      email: PERSON.email,
      source: 'auto_created',
      firstChannel: 'whatsapp',
      picture,
    });
    expect(data.identities).toEqual([
      expect.objectContaining({ channel: 'whatsapp', name: PERSON.name, picture }),
      expect.objectContaining({ channel: 'sms', phone: `+${PERSON.digits}`, picture: null }),
      expect.objectContaining({
        channel: 'telegram',
        externalId: PERSON.telegramId,
        username: PERSON.telegramUser,
      }),
    ]);
    expect(data.messages).toHaveLength(11);
    expect(data.messages[0]).toEqual({
      time: new Date(NOW - 47 * 3_600_000).toISOString(),
      direction: 'in',
      channel: 'whatsapp',
      account: 'default',
      text: 'Oi, vocês fazem bolo para festa em Quixeramobim?',
      status: 'received',
    });
    expect(data.messages.map((m: { direction: string }) => m.direction)).toContain('out');
    const times = data.messages.map((m: { time: string }) => m.time);
    expect(times).toEqual([...times].sort());
    expect(data.messages.map((m: { text: string }) => m.text)).toContain(PERSON.message);
    expect(data.notes).toEqual([
      { text: `${PERSON.note}.`, createdAt: expect.any(String), updatedAt: expect.any(String) },
    ]);
    expect(data.tags).toEqual([PERSON.tag, 'vip']);
    expect(data.files).toEqual([{ path: picture, kind: 'profile-picture', type: 'image/png' }]);
  });

  it('holds nobody else', () => {
    const json = exported().files['customer.json']!.toString('utf8');
    for (const other of ['Maria', 'João', 'Outra pessoa', '5521912345678'])
      expect(json).not.toContain(other);
  });

  it('is logged with no personal data', () => {
    exported();
    expect(core.privacy.log(5)).toEqual([
      { id: 1, kind: 'export', customerId: id, origin: 'cli', at: new Date(NOW).toISOString() },
    ]);
    const rows = JSON.stringify(core.db.prepare('SELECT * FROM data_requests').all());
    for (const needle of NEEDLES) expect(rows).not.toContain(needle);
  });

  it('is refused for a customer who does not exist, writing and logging nothing', () => {
    const chunks: Uint8Array[] = [];
    expect(() => core.privacy.exportZip(9999, 'cli', (c) => chunks.push(c))).toThrow(/not found/i);
    expect(chunks).toEqual([]);
    expect(core.privacy.log(5)).toEqual([]);
  });
});
