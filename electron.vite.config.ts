import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { cpSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { withContentSecurityPolicy } from './src/shared/content-security-policy';

/** The core reads its SQL migrations at run time; ship them beside the main bundle. */
function copyMigrations(): Plugin {
  return {
    name: 'clientela:copy-migrations',
    closeBundle() {
      const from = resolve('src/db/migrations');
      if (existsSync(from)) cpSync(from, resolve('out/main/migrations'), { recursive: true });
    },
  };
}

/** The window's Content-Security-Policy, from the one list host mode's header also follows. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'clientela:content-security-policy',
    transformIndexHtml: (html) => withContentSecurityPolicy(html),
  };
}

export default defineConfig({
  main: {
    build: { rollupOptions: { input: resolve('electron/main.ts') } },
    plugins: [copyMigrations()],
  },
  preload: {
    build: {
      rollupOptions: {
        input: resolve('electron/preload.ts'),
        // Sandboxed preloads must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    build: {
      rollupOptions: {
        input: resolve('renderer/index.html'),
        output: {
          // A chunk the app and its lazy pages share is named for that, not for whichever module
          // happens to come first in it (React's chunk was "ErrorBanner-….js").
          chunkFileNames: (chunk) =>
            chunk.isDynamicEntry ? 'assets/[name]-[hash].js' : 'assets/shared-[hash].js',
        },
      },
      // electron-vite leaves every bundle unminified by default (main and preload are read once
      // from disk by Node, where whole names in stack traces help). The renderer is parsed by
      // the window at every start and by each agent's browser over the office network: minified
      // it is half the bytes (docs/performance.md, the UI bench).
      minify: true,
      // No source maps beside the bundle: electron-builder packs out/ whole and host mode serves
      // out/renderer to every agent. `electron-vite build --sourcemap` makes them for debugging.
      sourcemap: false,
    },
    plugins: [react(), contentSecurityPolicy()],
  },
});
