import type { LaunchOptions } from '@playwright/test';
import { existsSync } from 'node:fs';

/**
 * How the e2e tests and the UI bench start Chromium: Debian's where it is installed (CI, machines
 * without internet; Playwright cannot download its own there), else Playwright's own. Running as
 * root needs --no-sandbox; the other flags stop Chromium calling out to Google's services.
 */
export const chromiumLaunchOptions: LaunchOptions = {
  executablePath:
    process.env.CHROMIUM_PATH ??
    (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
  chromiumSandbox: false,
  args: [
    '--no-sandbox',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
