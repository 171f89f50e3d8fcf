/** The bench's figures: printed as they come, as a table at the end, and as docs/performance.md. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

export interface Row {
  measure: string;
  figure: string;
  reference: string;
  target: string;
  /** null: informative, no target. */
  met: boolean | null;
}

export class Report {
  readonly rows: Row[] = [];
  readonly notes: string[] = [];
  readonly plans: { title: string; indexes: string[]; plan: string[]; sql: string }[] = [];

  add(row: Row): void {
    this.rows.push(row);
    const mark = row.met === null ? '' : row.met ? '  [met]' : '  [MISSED]';
    console.log(`  ${row.measure}: ${row.figure} | ${row.reference} | target ${row.target}${mark}`);
  }

  note(text: string): void {
    this.notes.push(text);
    console.log(`  note: ${text}`);
  }

  /** The table, aligned for a terminal. */
  table(): string {
    const header: Row = {
      measure: 'Measure',
      figure: 'Figure',
      reference: 'Reference',
      target: 'Target',
      met: null,
    };
    const cells = (r: Row, isHeader = false) => [
      r.measure,
      r.figure,
      r.reference,
      r.target,
      isHeader ? 'Met?' : metLabel(r.met),
    ];
    const all = [cells(header, true), ...this.rows.map((r) => cells(r))];
    const widths = all[0]!.map((_, i) => Math.max(...all.map((row) => [...row[i]!].length)));
    const line = (row: string[]) =>
      row.map((cell, i) => cell + ' '.repeat(widths[i]! - [...cell].length)).join(' | ');
    return [line(all[0]!), widths.map((w) => '-'.repeat(w)).join('-+-'), ...all.slice(1).map(line)]
      .map((l) => l.trimEnd())
      .join('\n');
  }

  markdownTable(): string {
    const esc = (s: string) => s.replace(/\|/g, '\\|');
    return [
      '| Measure | Figure | Reference | Target | Met? |',
      '| --- | --- | --- | --- | --- |',
      ...this.rows.map(
        (r) =>
          `| ${esc(r.measure)} | ${esc(r.figure)} | ${esc(r.reference)} | ${esc(r.target)} | ${metLabel(r.met, true)} |`,
      ),
    ].join('\n');
  }
}

function metLabel(met: boolean | null, markdown = false): string {
  if (met === null) return '—';
  if (met) return 'yes';
  return markdown ? '**no**' : 'NO';
}

/** Hand-written analysis below this line in docs/performance.md survives a new bench run. */
export const KEEP_MARKER = '<!-- Written by hand below this line; `npm run bench` keeps it. -->';

/** The UI bench (`bench/ui.ts`, HOST's) owns the text between these markers. */
const UI_START = '<!-- ui-bench:start -->';
const UI_END = '<!-- ui-bench:end -->';
/** Stands in for that section while prettier formats the rest, so the section stays byte for byte. */
const UI_PLACEHOLDER = `${UI_START}\n${UI_END}`;

/**
 * Writes the document through prettier (it is checked by `npm run lint`), keeping the notes below
 * KEEP_MARKER and, byte for byte, the UI bench's section (in its place there, else after them).
 */
export async function writeDocument(file: string, generated: string): Promise<void> {
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const from = old.indexOf(UI_START);
  const to = old.indexOf(UI_END, from);
  const uiSection = from >= 0 && to > from ? old.slice(from, to + UI_END.length) : null;
  const rest =
    uiSection === null ? old : old.slice(0, from) + UI_PLACEHOLDER + old.slice(to + UI_END.length);
  let kept = `${KEEP_MARKER}\n`;
  const at = rest.indexOf(KEEP_MARKER);
  if (at >= 0) kept = rest.slice(at);
  // A section written above the marker would be lost with the generated text: keep it after the notes.
  if (uiSection !== null && !kept.includes(UI_PLACEHOLDER))
    kept = `${kept.trimEnd()}\n\n${UI_PLACEHOLDER}\n`;
  const options = (await resolveConfig(file)) ?? {};
  const text = await format(`${generated.trimEnd()}\n\n${kept}`, { ...options, filepath: file });
  writeFileSync(file, uiSection === null ? text : text.replace(UI_PLACEHOLDER, () => uiSection));
}
