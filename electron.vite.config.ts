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
    build: { rollupOptions: { input: resolve('renderer/index.html') } },
    plugins: [react(), contentSecurityPolicy()],
  },
});
