/**
 * `npm run verify:sheets`: our CSV and XLSX exports opened by a real spreadsheet program,
 * LibreOffice Calc headless (Debian's libreoffice-calc-nogui), and what it reads back checked:
 * the columns, accents, phones (text as written, no apostrophe, never a number) and dates, and no
 * cell run as a formula even with formula evaluation switched on. Not part of `npm test`, which
 * runs on computers without LibreOffice (the Windows and macOS workflows); `.ci/run` installs it
 * and runs this after the tests. Prints what it checked; exits 1 on any difference.
 */
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { openCore } from '../src/core';
import { exportCustomers } from '../src/customers/export-file';
import type { ExportFormat } from '../src/customers/export-rows';
import { openZip } from '../src/shared/zip-read';

const dir = mkdtempSync(join(tmpdir(), 'clientela-sheets-'));
const failures: string[] = [];
function check(what: string, actual: unknown, expected: unknown): void {
  const ok = JSON.stringify(actual) === JSON.stringify(expected);
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok)
    failures.push(
      `${what}\n     read:     ${JSON.stringify(actual)}\n     expected: ${JSON.stringify(expected)}`,
    );
}

const version = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
if (version.error || version.status !== 0) {
  console.error(
    'LibreOffice is not installed: apt-get install -y --no-install-recommends libreoffice-calc-nogui',
  );
  process.exit(1);
}
console.log(`${version.stdout.trim()}; files in ${dir}`);

/** What Calc draws, kept to be looked at. */
const pictures = join('.tmp', 'verify-sheets');
let step = 0;

/**
 * LibreOffice converts `file` with its import filter `infilter` (if any) to `to`, in a folder of
 * its own (`out`, or a new one); returns the path.
 */
function convert(
  file: string,
  to: string,
  infilter?: string,
  out = join(dir, `step${++step}`),
): string {
  mkdirSync(out, { recursive: true });
  const run = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=file://${join(dir, 'profile')}`,
      '--headless',
      ...(infilter ? [`--infilter=${infilter}`] : []),
      '--convert-to',
      to,
      '--outdir',
      out,
      file,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (run.status !== 0) throw new Error(`soffice failed: ${run.stderr}`);
  const name = file
    .split('/')
    .at(-1)!
    .replace(/\.\w+$/, `.${to.split(':')[0]}`);
  return join(out, name);
}

/** The cells of a workbook LibreOffice wrote: each one's text, type and whether it is a formula. */
function workbookCells(file: string) {
  const zip = openZip(readFileSync(file), { maxEntryBytes: 64 * 1024 * 1024 });
  const text = (name: string) => zip.read(name)?.toString('utf8') ?? '';
  const shared = [...text('xl/sharedStrings.xml').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    [...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''),
  );
  const cells = new Map<string, { type: string; value: string; formula: boolean }>();
  for (const m of text('xl/worksheets/sheet1.xml').matchAll(
    /<c r="([A-Z]+\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g,
  )) {
    const type = /t="(\w+)"/.exec(m[2]!)?.[1] ?? 'n';
    const value = /<v>([\s\S]*?)<\/v>/.exec(m[3] ?? '')?.[1] ?? '';
    cells.set(m[1]!, {
      type,
      value: (type === 's' ? shared[Number(value)]! : value)
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"'),
      formula: /<f[ >]/.test(m[3] ?? ''),
    });
  }
  return { cells, sheet: text('xl/worksheets/sheet1.xml') };
}

// A shop in São Paulo, in Portuguese, with what spreadsheets stumble on.
const core = openCore(join(dir, 'clientela.db'));
core.settings.update({ language: 'pt-BR', timeZone: 'America/Sao_Paulo' });
const names = ['Conceição Araújo', '=HYPERLINK("http://x")', '+55 e mais', '-1+2 Pães', '@SUM(A1)'];
core.inbox.ingestBatch(
  names.map((displayName, i) => ({
    channel: 'whatsapp' as const,
    account: 'default',
    direction: 'in' as const,
    messageId: `m${i}`,
    externalUserId: `55119${8888_7770 + i}@c.us`,
    displayName,
    phone: `+55119${8888_7770 + i}`,
    text: 'Olá',
    // 2026-11-20 15:30 UTC is 12:30 in São Paulo.
    timestamp: new Date(Date.parse('2026-11-20T15:30:00Z') - i * 60_000).toISOString(),
  })),
);
const ana = core.customers.editor.create({
  displayName: 'Ana Lúcia',
  phone: '+55 21 3333-4444',
  tags: ['vip', 'atacado'],
});
core.customers.editor.addNote(ana, 'paga no pix');

const files = {} as Record<ExportFormat, string>;
for (const format of ['csv', 'xlsx'] as const) {
  files[format] = join(dir, `clientes.${format}`);
  const out = createWriteStream(files[format]);
  await exportCustomers(core, format, { filter: {} }, out);
  out.end();
  await finished(out);
}
core.close();

// 1. The CSV, opened as a Portuguese Excel or Calc opens it (";", UTF-8), with "detect special
// numbers" and "evaluate formulas" on: the most a spreadsheet could make of it.
const fromCsv = workbookCells(
  convert(files.csv, 'xlsx', 'CSV:59,34,76,1,,1046,false,true,,,,,true'),
);
const row = (name: string) =>
  [...fromCsv.cells]
    .find(([ref, c]) => ref.startsWith('B') && c.value.replace('\u2060', '') === name)?.[0]
    .slice(1);
const maria = row('Conceição Araújo')!;
check(
  'CSV: the header, accents included',
  ['B1', 'I1'].map((r) => fromCsv.cells.get(r)?.value),
  ['nome', 'visto por último'],
);
check(
  'CSV: a phone is text, reading +55 11 98888-7770 after an invisible guard, no apostrophe',
  fromCsv.cells.get(`C${maria}`),
  {
    type: 's',
    value: '\u2060+55 11 98888-7770',
    formula: false,
  },
);
check(
  'CSV: a landline reads +55 21 3333-4444',
  fromCsv.cells.get(`C${row('Ana Lúcia')}`)?.value,
  '\u2060+55 21 3333-4444',
);
check(
  'CSV: no cell is a formula, and each formula-looking name is text as written',
  names.slice(1).map((n) => {
    const cell = fromCsv.cells.get(`B${row(n)}`);
    return (
      cell && { type: cell.type, formula: cell.formula, shown: cell.value.replace('\u2060', '') }
    );
  }),
  names.slice(1).map((n) => ({ type: 's', formula: false, shown: n })),
);
check('CSV: no cell anywhere runs as a formula', /<f[ >]/.test(fromCsv.sheet), false);
// 2026-11-20 15:30 UTC as Calc's serial date of 12:30 that day, São Paulo's wall clock.
const serial = Date.UTC(2026, 10, 20, 12, 30) / 86_400_000 + 25_569;
check(
  'CSV: last seen read as the date and time in São Paulo',
  Math.abs(Number(fromCsv.cells.get(`I${maria}`)?.value) - serial) < 1e-6,
  true,
);
check('CSV: tags in one cell', fromCsv.cells.get(`J${row('Ana Lúcia')}`)?.value, 'atacado | vip');

// 2. The XLSX, opened and saved again by Calc: its types survive, and shown as Calc shows them.
const resaved = workbookCells(convert(files.xlsx, 'xlsx'));
const xrow = (name: string) =>
  [...resaved.cells].find(([ref, c]) => ref.startsWith('B') && c.value === name)?.[0].slice(1);
const xmaria = xrow('Conceição Araújo')!;
check('XLSX: the phone is a text cell as written', resaved.cells.get(`C${xmaria}`), {
  type: 's',
  value: '+55 11 98888-7770',
  formula: false,
});
check('XLSX: last seen is a number (a date)', resaved.cells.get(`I${xmaria}`)?.type, 'n');
check('XLSX: no formula anywhere', /<f[ >]/.test(resaved.sheet), false);
check('XLSX: the header keeps its filter', /<autoFilter ref="A1:K7"/.test(resaved.sheet), true);
check(
  'XLSX: last seen is that date and time in São Paulo',
  Math.abs(Number(resaved.cells.get(`I${xmaria}`)?.value) - serial) < 1e-6,
  true,
);
const shownCsv = readFileSync(
  convert(files.xlsx, 'csv:Text - txt - csv (StarCalc):59,34,76,1,,1046,false,true,true'),
  'utf8',
);
const shownRow = shownCsv.split('\n').find((l) => l.includes('Conceição Araújo'))!;
check(
  'XLSX as Calc shows it: accents, the phone, the date and time in São Paulo',
  shownRow.split(';').slice(1, 3).concat(shownRow.split(';')[8]!),
  ['Conceição Araújo', '+55 11 98888-7770', '20/11/2026 12:30'],
);
check(
  'XLSX as Calc shows it: formula-looking names as text',
  names
    .slice(1)
    .map((n) => shownCsv.includes(`;${n.includes('"') ? `"${n.replace(/"/g, '""')}"` : n};`)),
  names.slice(1).map(() => true),
);

// 3. Both as Calc prints them (headless Calc draws PDF, not PNG), to be looked at.
convert(files.csv, 'pdf', 'CSV:59,34,76,1,,1046,false,true,,,,,true', join(pictures, 'csv'));
convert(files.xlsx, 'pdf', undefined, join(pictures, 'xlsx'));
console.log(`As Calc prints them: ${pictures}/csv/clientes.pdf and ${pictures}/xlsx/clientes.pdf`);

if (failures.length > 0) {
  console.error(`\n${failures.length} failed:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log('\nLibreOffice reads both files as written.');
if (!process.env.KEEP) rmSync(dir, { recursive: true, force: true });
