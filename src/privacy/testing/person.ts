/**
 * A person with a trace in every table, for the tests of their data's export and erasure: Zuleica
 * Brandão Quixadá writes on WhatsApp and SMS from one number and on Telegram, is renamed, given
 * an e-mail, notes and tags, has a profile picture, and a web visitor claimed her e-mail (a
 * possible match the agent dismissed). Her name, number, e-mail and words are distinctive, so
 * finding any of them in a file's bytes means something of hers was left there.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Core } from '../../core';
import type { InboundEvent } from '../../inbox/inbound-event';
import { AVATAR_PREFIX, avatarDirFor, avatarFileName } from '../../shared/avatar-cache';
import { customerOf, event, NOW } from '../../testing/fixtures';

export const PERSON = {
  name: 'Zuleica Brandão Quixadá',
  typedName: 'Zuleica B. Quixadá (doceira)',
  digits: '5511987654321',
  email: 'zuleica.quixada@exemplo.com.br',
  telegramId: '8801234567',
  telegramUser: 'zuleicaquixada',
  message: 'Encomenda do bolo de pistache azul para Quixeramobim',
  note: 'Prefere entrega depois das 17h, portão verde da Rua Xiquexique',
  tag: 'cliente-xiquexique',
};

/**
 * What must be gone after the erasure, as it may be written anywhere: the name with and without
 * accents, the number as E.164, digits, nationally and as people type it, the e-mail, her words.
 */
export const NEEDLES = [
  'Zuleica',
  'zuleica',
  'Quixadá',
  'quixada',
  'Brandão',
  'brandao',
  '+5511987654321',
  '5511987654321',
  '11987654321',
  '987654321',
  '98765-4321',
  '(11) 98765-4321',
  '+55 11 98765-4321',
  '1187654321',
  PERSON.email,
  'exemplo.com.br',
  'pistache azul',
  'Quixeramobim',
  'quixeramobim',
  'Xiquexique',
  'xiquexique',
  PERSON.telegramId,
];

/** A 1×1 PNG: the picture's bytes must go with her. */
export const PICTURE = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360f8cf' +
    '500f0004ff01fe3d2c5b5f0000000049454e44ae426082',
  'hex',
);

/** Her history as WhatsApp's import would read it back: older than any erasure in the tests. */
export function history(): InboundEvent[] {
  const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();
  const wa = (n: number, direction: 'in' | 'out', text: string): InboundEvent => ({
    channel: 'whatsapp',
    account: 'default',
    direction,
    messageId: `${direction === 'out'}_${PERSON.digits}@c.us_HIST${n}`,
    externalUserId: `${PERSON.digits}@c.us`,
    displayName: PERSON.name,
    phone: `+${PERSON.digits}`,
    profilePictureUrl: `${AVATAR_PREFIX}${avatarFileName('whatsapp', 'default', `${PERSON.digits}@c.us`)}`,
    text,
    timestamp: at(48 - n),
  });
  return [
    wa(1, 'in', 'Oi, vocês fazem bolo para festa em Quixeramobim?'),
    wa(2, 'out', 'Fazemos sim, Zuleica! Qual sabor?'),
    wa(3, 'in', PERSON.message),
    wa(4, 'out', 'Anotado: pistache azul, retirada sábado.'),
    wa(5, 'in', `Meu e-mail é ${PERSON.email}, mandem a nota fiscal`),
  ];
}

/** Stores her everywhere; returns her customer id. */
export function seedPerson(core: Core): number {
  const dir = avatarDirFor(core.db.name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, avatarFileName('whatsapp', 'default', `${PERSON.digits}@c.us`)), PICTURE);
  core.inbox.ingestBatch(history(), { backfill: true });
  // Each message rewrites her conversation's preview, leaving the older one in the page.
  for (let n = 0; n < 5; n++)
    core.inbox.ingest(
      event({
        channel: 'sms',
        externalUserId: `+${PERSON.digits}`,
        text: `${PERSON.message} (${n + 1}ª vez)`,
        timestamp: new Date(NOW - (20 - n) * 3_600_000).toISOString(),
      }),
    );
  core.inbox.ingest(
    event({
      channel: 'telegram',
      externalUserId: PERSON.telegramId,
      displayName: PERSON.name,
      username: PERSON.telegramUser,
      phone: `+${PERSON.digits}`,
      text: 'Zuleica aqui pelo Telegram',
    }),
  );
  const id = customerOf(core, 'whatsapp', `${PERSON.digits}@c.us`)!;
  core.customers.editor.update(id, {
    displayName: PERSON.typedName,
    email: PERSON.email,
    tags: [PERSON.tag, 'vip'],
  });
  const note = core.customers.editor.addNote(id, PERSON.note);
  core.customers.editor.updateNote(note.id, `${PERSON.note}.`);
  // A web visitor typing her e-mail is offered as a possible match; the agent says not her.
  core.inbox.ingest(
    event({
      channel: 'webchat',
      externalUserId: 'visitor-1',
      displayName: 'Outra pessoa',
      email: PERSON.email,
      text: 'Olá',
    }),
  );
  const visitor = customerOf(core, 'webchat', 'visitor-1')!;
  core.customers.editor.dismissMatch(id, visitor);
  return id;
}

/** Other customers, who must keep everything. */
export function seedBystanders(core: Core): number[] {
  const ids: number[] = [];
  for (const [digits, name] of [
    ['5521912345678', 'Maria Souza'],
    ['5531998887766', 'João da Silva'],
  ] as const) {
    core.inbox.ingest(
      event({
        channel: 'whatsapp',
        externalUserId: `${digits}@c.us`,
        displayName: name,
        text: `Bom dia, aqui é ${name}`,
      }),
    );
    const id = customerOf(core, 'whatsapp', `${digits}@c.us`)!;
    core.customers.editor.update(id, { tags: ['vip'] });
    ids.push(id);
  }
  return ids;
}

/** The files to search: the database, its WAL and journal if any, and every file of `dirs`. */
export function filesOf(dbFile: string, dirs: string[]): string[] {
  const files = [dbFile, `${dbFile}-wal`, `${dbFile}-journal`].filter((f) => existsSync(f));
  for (const dir of dirs)
    if (existsSync(dir))
      for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }))
        files.push(join(dir, name));
  return files;
}

/** Each needle found in the files' bytes, with the file it was found in. */
export function tracesIn(files: string[], needles: readonly string[] = NEEDLES): string[] {
  const found: string[] = [];
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      continue; // a folder
    }
    for (const needle of needles)
      if (bytes.includes(Buffer.from(needle, 'utf8'))) found.push(`${needle} in ${file}`);
    if (bytes.equals(PICTURE)) found.push(`her picture in ${file}`);
  }
  return found;
}
