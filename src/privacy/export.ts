/**
 * A copy of one person's data (LGPD art. 18, II and V): one zip file holding `customer.json`
 * (profile, identities, every message, notes, tags; its fields in docs/personal-data.md and in
 * the README beside it) and the person's files (profile pictures today; a message's media, once
 * stored, joins the same `files` list).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { iso } from '../customers/mapper';
import { texts } from '../i18n/texts';
import { avatarFileName, avatarFileOf, imageType } from '../shared/avatar-cache';
import type { ZipEntry } from '../shared/zip';
import { pictureFiles, type PersonRecord } from './person';

/** The format's name and version, first in the JSON: a reader knows what it holds. */
export const PERSONAL_DATA_FORMAT = 'clientela.personal-data/1';

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** A file of the person's, as it goes into the archive. */
export interface PersonalFile {
  /** Its path inside the zip (`pictures/…`), as `customer.json` names it. */
  path: string;
  kind: 'profile-picture';
  type: string;
  bytes: Buffer;
}

/** The person's picture files that exist, with their type; a missing or foreign file is left out. */
export function personalFiles(record: PersonRecord, avatarDir: string): PersonalFile[] {
  const files: PersonalFile[] = [];
  for (const name of pictureFiles(record.customer, record.identities)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(avatarDir, name));
    } catch {
      continue;
    }
    const type = imageType(bytes);
    if (!type) continue;
    const base = name.replace(/\.[^.]*$/, '');
    files.push({
      path: `pictures/${base}.${EXTENSIONS[type]}`,
      kind: 'profile-picture',
      type,
      bytes,
    });
  }
  return files;
}

/** The JSON document of the export, readable as it is (indented, instants in ISO 8601 UTC). */
export function personalDataJson(
  record: PersonRecord,
  files: PersonalFile[],
  exportedAt: number,
): string {
  const { customer: c } = record;
  /** Where a cache file went in the archive; null when it is not there. */
  const pathOf = (file: string | null) => {
    const base = file?.replace(/\.[^.]*$/, '');
    return files.find((f) => base && f.path.startsWith(`pictures/${base}.`))?.path ?? null;
  };
  const document = {
    format: PERSONAL_DATA_FORMAT,
    exportedAt: iso(exportedAt),
    customer: {
      id: c.id,
      name: c.displayName,
      phone: c.phone,
      email: c.email,
      source: c.source,
      firstChannel: c.sourceChannel,
      firstContactAt: iso(c.firstContactAt),
      lastSeenAt: iso(c.lastSeenAt),
      lastInteractionAt: iso(c.lastInteractionAt),
      createdAt: iso(c.createdAt),
      updatedAt: iso(c.updatedAt),
      picture: pathOf(avatarFileOf(c.profilePictureUrl)),
    },
    identities: record.identities.map((i) => ({
      channel: i.channel,
      account: i.account,
      externalId: i.externalId,
      name: i.displayName,
      phone: i.phone,
      email: i.email,
      username: i.username,
      language: i.language,
      isBusiness: i.isBusiness === null ? null : i.isBusiness === 1,
      picture: pathOf(
        avatarFileOf(i.profilePictureUrl) ?? avatarFileName(i.channel, i.account, i.externalId),
      ),
    })),
    messages: record.messages.map((m) => ({
      time: iso(m.timestamp),
      direction: m.direction,
      channel: m.channel,
      account: m.account,
      text: m.text,
      status: m.status,
      ...(m.error !== null && { error: m.error }),
    })),
    notes: record.notes.map((n) => ({
      text: n.body,
      createdAt: iso(n.createdAt),
      updatedAt: iso(n.updatedAt),
    })),
    tags: record.tags,
    files: files.map(({ path, kind, type }) => ({ path, kind, type })),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The archive's entries: the README, the JSON, then the files. */
export function personalDataEntries(
  record: PersonRecord,
  avatarDir: string,
  exportedAt: number,
): ZipEntry[] {
  const modified = new Date(exportedAt);
  const files = personalFiles(record, avatarDir);
  return [
    { name: 'README.txt', data: Buffer.from(texts().personalDataReadme), modified },
    {
      name: 'customer.json',
      data: Buffer.from(personalDataJson(record, files, exportedAt)),
      modified,
    },
    ...files.map((f) => ({ name: f.path, data: f.bytes, modified })),
  ];
}

/** The export's file name: which customer, which day (no name: file names get shared). */
export const personalDataFileName = (customerId: number, at: number) =>
  `clientela-cliente-${customerId}-${new Date(at).toISOString().slice(0, 10)}.zip`;
