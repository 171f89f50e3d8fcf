/** The desktop app's entry: where electron-vite put the bundle's files, then lifecycle.ts. */
import { join } from 'node:path';
import { startDesktop } from './lifecycle';

void startDesktop({
  files: {
    migrations: join(import.meta.dirname, 'migrations'),
    rendererDir: join(import.meta.dirname, '../renderer'),
    preload: join(import.meta.dirname, '../preload/preload.cjs'),
    icon: join(import.meta.dirname, '../../resources/icon.png'),
  },
});
