/**
 * What the UI bench measures inside the page. Each probe runs in Chromium (through
 * page.evaluate or an init script), so its clock is the page's and no round trip to the bench
 * process is counted.
 */
import type { Page } from '@playwright/test';

declare const window: {
  __firstRows?: number;
  requestAnimationFrame(callback: () => void): number;
};
declare const document: {
  querySelector(selector: string): { textContent: string | null; scrollTop: number } | null;
  querySelectorAll(selector: string): {
    length: number;
    [i: number]: { textContent: string | null };
  };
};

/**
 * Installed before the page's own scripts: notes, in milliseconds since navigation started, the
 * first frame in which a customer's name is on screen.
 */
export function recordFirstRows(): void {
  const check = () => {
    if (document.querySelector('.table-row .name')) window.__firstRows = performance.now();
    else window.requestAnimationFrame(check);
  };
  window.requestAnimationFrame(check);
}

/**
 * Where one load's time went, each a moment in milliseconds since navigation started (the page's
 * Resource Timing entries, read once the first rows are on screen).
 */
export interface LoadTimeline {
  /** The scripts and styles index.html names have arrived. */
  scripts: number;
  /** The first API call leaves: the scripts have been parsed and run and React drew the shell. */
  firstCall: number;
  /** The settings have arrived: the page is drawn once they (and their language) are in. */
  settings: number;
  /** The first page of the customer list has arrived (asked for beside the settings). */
  list: number;
  /** The first rows are on screen. */
  rows: number;
}

/** The timeline of the load on screen; call after firstRowsMillis. */
export function loadTimeline(page: Page): Promise<LoadTimeline> {
  return page.evaluate(() => {
    interface Entry {
      name: string;
      startTime: number;
      responseEnd: number;
    }
    const entries = performance.getEntriesByType('resource') as unknown as Entry[];
    const calls = entries.filter((e) => e.name.includes('/api/rpc/'));
    const firstCall = Math.min(...calls.map((e) => e.startTime));
    // Fetched before any call: what index.html names (a page's chunk, or a catalogue, comes later).
    const scripts = entries.filter(
      (e) => /\.(js|css)$/.test(new URL(e.name).pathname) && e.startTime < firstCall,
    );
    const answered = (method: string) =>
      calls.find((e) => e.name.endsWith(`/${method}`))?.responseEnd ?? Number.NaN;
    return {
      scripts: Math.max(...scripts.map((e) => e.responseEnd)),
      firstCall,
      settings: answered('settings.get'),
      list: answered('customers.list'),
      rows: window.__firstRows!,
    };
  });
}

/** Milliseconds from navigation to the first rows on screen, once they are. */
export async function firstRowsMillis(page: Page): Promise<number> {
  await page.waitForFunction(() => window.__firstRows !== undefined, null, { timeout: 30_000 });
  return page.evaluate(() => window.__firstRows!);
}

/**
 * Scrolls the table down `steps` times by `pixels`, a frame apart, letting pages load as they
 * would for a person scrolling; returns the most rows the DOM held at once and the last row
 * index reached.
 */
export function scrollFar(
  page: Page,
  steps: number,
  pixels: number,
): Promise<{ maxRows: number; lastIndex: number }> {
  return page.evaluate(
    async ({ steps, pixels }) => {
      const body = document.querySelector('.table-body')!;
      const frame = () => new Promise<void>((resolve) => window.requestAnimationFrame(resolve));
      let maxRows = 0;
      for (let i = 0; i < steps; i++) {
        body.scrollTop += pixels;
        await frame();
        await frame();
        maxRows = Math.max(maxRows, document.querySelectorAll('.table-row').length);
      }
      const rows = document.querySelectorAll('.table-row[data-index]');
      const last = rows[rows.length - 1] as unknown as { dataset: { index: string } } | undefined;
      return { maxRows, lastIndex: Number(last?.dataset.index ?? 0) };
    },
    { steps, pixels },
  );
}

/**
 * Resolves with the page's wall-clock time (Date.now) at the first change in which a row named
 * `name` is on screen and the total card no longer reads `totalBefore`.
 */
export function whenRowAndTotal(page: Page, name: string, totalBefore: string): Promise<number> {
  return page.evaluate(
    ({ name, totalBefore }) =>
      new Promise<number>((resolve, reject) => {
        setTimeout(() => reject(new Error(`"${name}" and a new total never showed up`)), 10_000);
        const done = () => {
          const total = document.querySelector('[data-stat="total"] .stat-value')?.textContent;
          const names = document.querySelectorAll('.table-row .name');
          let shown = false;
          for (let i = 0; i < names.length; i++) if (names[i]!.textContent === name) shown = true;
          return shown && total !== totalBefore;
        };
        // Checked on every frame: that is when the person could see it.
        const check = () => (done() ? resolve(Date.now()) : window.requestAnimationFrame(check));
        check();
      }),
    { name, totalBefore },
  );
}

/** The total customers card as shown. */
export function totalShown(page: Page): Promise<string> {
  return page.locator('[data-stat="total"] .stat-value').innerText();
}
