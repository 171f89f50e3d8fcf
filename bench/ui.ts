/**
 * `npm run bench:ui` (not part of `npm test`): the Customers page over 1,000,000 customers in
 * Chromium, through host mode. The scripts and styles the page loads, first rows after
 * navigation and where that time went, rows in the DOM while scrolling far, and the time from
 * ingesting a new person's message to their row and the new total on screen.
 * Writes its figures into docs/performance.md between the ui-bench markers.
 * UI_BENCH_PEOPLE=20000 npm run bench:ui makes a quick run that leaves the document alone.
 */
import { chromium, type Request } from '@playwright/test';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { openCore, type Core } from '../src/core';
import { chromiumLaunchOptions } from '../e2e/chromium';
import { createHostServer } from '../src/server/host-server';
import { emptyTally } from './dataset';
import { ingestAll } from './ingest';
import { int, seconds } from './measure';
import {
  addSent,
  bundleSizes,
  describeSent,
  describeSizes,
  type FileSizes,
  type SentSizes,
} from './ui-bundle';
import {
  firstRowsMillis,
  loadTimeline,
  recordFirstRows,
  scrollFar,
  totalShown,
  whenRowAndTotal,
  type LoadTimeline,
} from './ui-probes';

const PEOPLE = Number(process.env.UI_BENCH_PEOPLE ?? 1_000_000);
const FULL = PEOPLE === 1_000_000;
const DB_FILE = join('bench', '.data', `ui-${PEOPLE}.db`);
const STATIC_DIR = join('out', 'renderer');
const DOC = join('docs', 'performance.md');
const START = '<!-- ui-bench:start -->';
const END = '<!-- ui-bench:end -->';
const LOADS = 7;
const LIVE_RUNS = 21;

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const max = (values: number[]) => Math.max(...values);

/** The database of PEOPLE customers, built once (a few minutes of CPU) and kept for later runs. */
function database(): Core {
  const fresh = !existsSync(DB_FILE);
  mkdirSync(join('bench', '.data'), { recursive: true });
  const core = openCore(DB_FILE);
  if (fresh) {
    console.log(`Building ${int(PEOPLE)} customers into ${DB_FILE} (once)...`);
    const started = performance.now();
    ingestAll(core, {
      people: PEOPLE,
      batchSize: 10_000,
      tally: emptyTally(),
      onProgress: (done) => process.stdout.write(`  ${int(done)} events\r`),
    });
    console.log(`  built in ${seconds(performance.now() - started)}`);
  }
  core.settings.update({ timeZone: 'America/Sao_Paulo', language: 'pt-BR' });
  return core;
}

if (!existsSync(join(STATIC_DIR, 'index.html')))
  throw new Error('The renderer is not built: run `npm run build` (npm run bench:ui does).');
const core = database();
// The machine is shared: say how busy it was when the figures were taken.
const loadAverage = loadavg()
  .map((n) => n.toFixed(2))
  .join(', ');
console.log(`load average ${loadAverage}`);
const customers = (core.db.prepare('SELECT count(*) AS n FROM customers').get() as { n: number }).n;
const server = await createHostServer(core, { port: 0, staticDir: STATIC_DIR });
const browser = await chromium.launch(chromiumLaunchOptions);

try {
  const context = await browser.newContext({
    locale: 'pt-BR',
    timezoneId: 'America/Sao_Paulo',
    viewport: { width: 1366, height: 860 },
  });
  // tsx wraps named inner functions in `__name(...)`; the probes run in the page, which needs it too.
  await context.addInitScript('globalThis.__name = (fn) => fn;');
  await context.addInitScript(recordFirstRows);
  const page = await context.newPage();
  // The first visit, nothing cached: which scripts and styles the Customers page fetches.
  const fetched: string[] = [];
  const noteFetch = (request: { url(): string }) => fetched.push(request.url());
  // What host mode sent for the page's own files, as Chromium received them (not the API calls,
  // nor the redirect that takes the token out of the address).
  const sent: SentSizes = { files: 0, bytes: 0, encodings: {} };
  const sizing: Promise<void>[] = [];
  const noteSent = (request: Request) =>
    sizing.push(
      (async () => {
        const response = await request.response();
        if (response?.status() !== 200 || new URL(request.url()).pathname.startsWith('/api/'))
          return;
        const { responseBodySize } = await request.sizes();
        addSent(sent, responseBodySize, (await response.allHeaders())['content-encoding']);
      })(),
    );
  page.on('request', noteFetch);
  page.on('requestfinished', noteSent);
  await page.goto(server.url);
  await firstRowsMillis(page);
  page.off('request', noteFetch);
  page.off('requestfinished', noteSent);
  await Promise.all(sizing);
  const bundle = bundleSizes(STATIC_DIR, fetched);
  console.log(`first page loads ${bundle.loadedNames.join(', ')}`);
  console.log(`  ${describeSizes(bundle.loaded)}; the whole renderer ${describeSizes(bundle.all)}`);
  console.log(`  host mode sent ${describeSent(sent)}, the page included`);

  // 1. Navigation to the Customers page until the first rows are on screen: reloads, so each
  //    counts the page's scripts, the first list page, the count and the stats.
  const loads: number[] = [];
  const timelines: LoadTimeline[] = [];
  for (let i = 0; i < LOADS; i++) {
    await page.reload();
    loads.push(await firstRowsMillis(page));
    timelines.push(await loadTimeline(page));
  }
  console.log(`first rows after navigation: ${loads.map(Math.round).join(', ')} ms`);
  const phases = phasesOf(timelines);
  console.log(
    `  medians: scripts in ${phases.scripts} ms, first API call at ${phases.firstCall} ms, ` +
      `settings in at ${phases.settings} ms, list in at ${phases.list} ms, rows drawn at ${phases.rows} ms`,
  );
  // To be looked at: the page at full size.
  await page.screenshot({ path: join('e2e', 'screenshots', `customers-${PEOPLE}.png`) });

  // 2. Scrolling far: 400 steps of 2,600 px (50 rows each), a frame or two apart.
  const scrolled = await scrollFar(page, 400, 2_600);
  console.log(
    `scrolled to row ${int(scrolled.lastIndex)}; at most ${scrolled.maxRows} rows in the DOM`,
  );

  // 3. A new person writes: from ingest to their row (on top: newest first) and the new total.
  await page.reload();
  await firstRowsMillis(page);
  const live: number[] = [];
  // New to this database even when it is reused from an earlier run.
  const run = Date.now() % 1_000_000;
  for (let i = 0; i < LIVE_RUNS; i++) {
    const name = `Pessoa Nova ${run}-${i}`;
    const before = await totalShown(page);
    const shown = whenRowAndTotal(page, name, before);
    await page.waitForTimeout(150);
    const ingestedAt = Date.now();
    core.inbox.ingest({
      channel: 'whatsapp',
      account: 'default',
      direction: 'in',
      messageId: `ui-bench-${Date.now()}-${i}`,
      externalUserId: `5511${String(run).padStart(6, '0')}${String(i).padStart(3, '0')}@c.us`,
      displayName: name,
      text: 'Olá, vocês têm horário amanhã?',
      timestamp: new Date().toISOString(),
    });
    live.push((await shown) - ingestedAt);
  }
  console.log(`ingest to row and total on screen: ${live.join(', ')} ms`);

  const figures = {
    bundle,
    sent,
    phases,
    firstRows: median(loads),
    firstRowsMax: max(loads),
    maxRows: scrolled.maxRows,
    lastIndex: scrolled.lastIndex,
    live: median(live),
    liveMax: max(live),
  };
  const section = markdownSection(customers, loadAverage, figures);
  console.log(`\n${section}`);
  if (FULL) writeSection(section);
  else console.log('(a smaller run: docs/performance.md left as it is)');
} finally {
  await browser.close();
  await server.close();
  core.close();
}

/** The median moment of each step of the loads, rounded to the millisecond. */
function phasesOf(timelines: LoadTimeline[]): LoadTimeline {
  const at = (key: keyof LoadTimeline) => Math.round(median(timelines.map((t) => t[key])));
  return {
    scripts: at('scripts'),
    firstCall: at('firstCall'),
    settings: at('settings'),
    list: at('list'),
    rows: at('rows'),
  };
}

function markdownSection(
  customers: number,
  load: string,
  f: {
    bundle: { loaded: FileSizes; all: FileSizes };
    sent: SentSizes;
    phases: LoadTimeline;
    firstRows: number;
    firstRowsMax: number;
    maxRows: number;
    lastIndex: number;
    live: number;
    liveMax: number;
  },
): string {
  const mark = (met: boolean) => (met ? 'met' : '**missed**');
  return [
    START,
    '## The Customers page in Chromium',
    '',
    `\`npm run bench:ui\`: host mode over ${int(customers)} customers, Debian's Chromium driven by`,
    `Playwright (1366×860, pt-BR), on the machine described above (load average ${load} at the`,
    `start). Measured in the page's own clock.`,
    '',
    '| Measure | Figure | Target | |',
    '| --- | --- | --- | --- |',
    `| Scripts and styles the Customers page loads | ${describeSizes(f.bundle.loaded)} | — | — |`,
    `| All the renderer's scripts and styles (the other pages load when opened) | ${describeSizes(f.bundle.all)} | — | — |`,
    `| What host mode sent on the first visit, the page included, compressed as Chromium asked | ${describeSent(f.sent)} | — | — |`,
    `| Navigation to first rows on screen (median of ${LOADS} reloads; slowest) | ${Math.round(f.firstRows)} ms (${Math.round(f.firstRowsMax)} ms) | < 200 ms | ${mark(f.firstRows < 200)} |`,
    `| … of which: scripts and styles in; first API call sent; settings in; list page in; rows drawn (medians, ms since navigation) | ${f.phases.scripts}; ${f.phases.firstCall}; ${f.phases.settings}; ${f.phases.list}; ${f.phases.rows} ms | — | — |`,
    `| Most rows in the DOM while scrolling to row ${int(f.lastIndex)} | ${f.maxRows} | ≤ 200 | ${mark(f.maxRows <= 200)} |`,
    `| \`ingest\` of a new person's message to their row and the new total on screen (median of ${LIVE_RUNS}; slowest) | ${f.live} ms (${f.liveMax} ms) | < 100 ms | ${mark(f.live < 100)} |`,
    '',
    'A reload counts everything a person waits for: the page and its scripts, then the first page of',
    'the list, its count and the stats, each an HTTP call to host mode. Between the scripts arriving',
    'and the first API call, the scripts are parsed and run and React draws the empty shell; the',
    'list is asked for beside the settings, and the page is drawn once both are in. The sizes are',
    'those of the first visit, nothing cached; host mode compresses each file once and sends it',
    'in the encoding the browser asks for (src/http/files.ts). The',
    'live figure runs from the call to `ingest` in the host process to the first animation frame',
    'showing both the row and the new total: the commit, the WebSocket message, the store gathering',
    'events for 15 ms, and the refetch of the first list page and of the stats.',
    END,
  ].join('\n');
}

/** Replaces the section between the markers, or adds it at the end (below PERF's keep marker). */
function writeSection(section: string): void {
  const text = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '';
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  const next =
    from >= 0 && to > from
      ? text.slice(0, from) + section + text.slice(to + END.length)
      : `${text.trimEnd()}\n\n${section}\n`;
  writeFileSync(DOC, next);
  console.log(`${DOC}: UI bench section written`);
}
