/**
 * The built renderer over host mode, as a browser fetches it: laid out as electron-vite builds it
 * (index.html, assets/[name]-[hash].js), requested over a real socket with the paths sent exactly
 * as written and the bytes read as they came, before any decompression.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempCore, type TestCore } from '../testing/fixtures';
import { exactRequest } from '../testing/raw-clients';
import { createHostServer, type HostServer } from './host-server';

const TOKEN = 'static-test-token-0123456789';
const SCRIPT = '/assets/index-Dk4_wh6x.js';
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A script much like the build's: many lines alike, as minified React and i18n tables are. */
const script = Buffer.from(
  Array.from(
    { length: 600 },
    (_, i) => `export const c${i}=(e)=>e.t("conversas.${i}",{nome:"Maria",total:${i * 7}});`,
  ).join('\n'),
);
const page = Buffer.from(
  `<!doctype html><html lang="pt-BR"><head><meta charset="utf-8"><title>Clientela</title>` +
    `<script type="module" src="${SCRIPT}"></script></head><body><div id="root"></div></body></html>`,
);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

let core: TestCore;
let server: HostServer;
let staticDir: string;

/** GET (or `method`) `path` as written, with the token and `headers`. */
const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  exactRequest(server.port, path, {
    method,
    headers: { Authorization: `Bearer ${TOKEN}`, ...headers },
  });

beforeEach(async () => {
  core = tempCore();
  staticDir = join(core.dir, 'renderer');
  mkdirSync(join(staticDir, 'assets'), { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), page);
  writeFileSync(join(staticDir, SCRIPT), script);
  writeFileSync(join(staticDir, 'icon.png'), png);
  writeFileSync(join(staticDir, 'assets', 'fonts.css'), 'body{font-family:system-ui}');
  writeFileSync(join(core.dir, 'secrets.json'), '{"token":"SEGREDO DO DONO"}');
  server = await createHostServer(core, { port: 0, token: TOKEN, staticDir });
});

afterEach(async () => {
  await server.close();
  core.dispose();
});

describe('the built renderer over host mode', () => {
  it('sends a hashed script compressed as the browser asks, the same bytes once decompressed, kept for a year', async () => {
    const cases = [
      ['gzip, deflate, br, zstd', 'br', brotliDecompressSync],
      ['gzip, deflate', 'gzip', gunzipSync],
      ['br;q=0, gzip;q=0.8', 'gzip', gunzipSync],
      ['identity', undefined, (bytes: Buffer) => bytes],
    ] as const;
    for (const [accept, encoding, decode] of cases) {
      const answer = await get(SCRIPT, { 'Accept-Encoding': accept });
      expect(answer.status, accept).toBe(200);
      expect(answer.headers['content-type']).toBe('text/javascript; charset=utf-8');
      expect(answer.headers['content-encoding'], accept).toBe(encoding);
      expect(answer.headers.vary).toBe('Accept-Encoding');
      expect(answer.headers['cache-control']).toBe(IMMUTABLE);
      expect(Number(answer.headers['content-length'])).toBe(answer.body.length);
      expect(decode(answer.body).equals(script), accept).toBe(true);
      if (encoding) expect(answer.body.length).toBeLessThan(script.length / 3);
    }
  });

  it('sends the page, under its own name or a route of the app, to be checked at every visit, with its CSP', async () => {
    for (const path of ['/', '/index.html', '/customers', '/conversations/12']) {
      const answer = await get(path, { 'Accept-Encoding': 'gzip' });
      expect(answer.status, path).toBe(200);
      expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(answer.headers['cache-control'], path).toBe('no-cache');
      expect(answer.headers['content-security-policy']).toContain("script-src 'self'");
      expect(gunzipSync(answer.body).equals(page), path).toBe(true);
    }
  });

  it('answers a browser whose copy is current 304 with no bytes, and sends a changed file whole', async () => {
    const first = await get('/', { 'Accept-Encoding': 'br' });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^W\/"[\w-]+"$/);
    // The same tag whatever the encoding: it names the file, not the bytes on the wire.
    expect((await get('/', { 'Accept-Encoding': 'gzip' })).headers.etag).toBe(etag);

    const current = await get('/', { 'If-None-Match': etag, 'Accept-Encoding': 'br' });
    expect(current.status).toBe(304);
    expect(current.body.length).toBe(0);
    expect(current.headers).toMatchObject({
      etag,
      'cache-control': 'no-cache',
      vary: 'Accept-Encoding',
    });
    expect((await get('/', { 'If-None-Match': `"old", ${etag.slice(2)}` })).status).toBe(304);
    expect((await get('/', { 'If-None-Match': '"something-else"' })).status).toBe(200);

    const script304 = await get(SCRIPT, { 'If-None-Match': '*' });
    expect(script304).toMatchObject({ status: 304, headers: { 'cache-control': IMMUTABLE } });

    // A new version of the app: the old tag no longer matches, and the new page comes whole.
    const updated = Buffer.from(page.toString().replace('Clientela', 'Clientela 2'));
    writeFileSync(join(staticDir, 'index.html'), updated);
    const after = await get('/', { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.body.equals(updated)).toBe(true);
    expect(after.headers.etag).not.toBe(etag);
  });

  it('answers HEAD with the headers a GET gets, and no body', async () => {
    const headers = { 'Accept-Encoding': 'gzip' };
    const full = await get(SCRIPT, headers);
    const head = await get(SCRIPT, headers, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    for (const name of ['content-type', 'content-encoding', 'content-length', 'etag', 'vary'])
      expect(head.headers[name], name).toBe(full.headers[name]);
  });

  it('sends a picture as it is, and a file without a hash in its name to be checked', async () => {
    const answer = await get('/icon.png', { 'Accept-Encoding': 'br, gzip' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('image/png');
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.headers.vary).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(answer.body.equals(png)).toBe(true);
    // Under assets/ but named as it was: kept for a year, an update would never be seen.
    expect((await get('/assets/fonts.css')).headers['cache-control']).toBe('no-cache');
  });

  it('reaches nothing outside the build, however the path is spelt, and refuses a NUL', async () => {
    for (const path of [
      '/assets/../../secrets.json',
      '/assets/%2e%2e/%2e%2e/secrets.json',
      '/assets/%2E%2E/%2E%2E/secrets.json',
      '/%2e%2e/secrets.json',
      '/assets/..%2f..%2fsecrets.json',
      '/%2e%2e%2f%2e%2e%2fsecrets.json',
      '/assets/.%2e/.%2e/secrets.json',
      `${SCRIPT}%00`,
      '/index.html%00.png',
      '/%00',
      '/customers%00',
      '/assets/%00/../../secrets.json',
    ]) {
      const answer = await get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body.toString(), path).not.toContain('SEGREDO');
      expect(answer.body.toString(), path).not.toContain('<div id="root">');
    }
  });
});
