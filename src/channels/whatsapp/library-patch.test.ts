/**
 * The patch of whatsapp-web.js carried in patches/ (message keys on WhatsApp Web 2.3000.1042401057
 * and later; see the patch's own header): it must be in place in node_modules, and it is made for
 * one release. A new release fails this on purpose: read its src/util/Injected/Utils.js and the
 * tracker (docs/channels.md says what to look for), then drop the patch if the release has the
 * fix, or make it again for the release if not.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const PATCHES = join(ROOT, 'patches');
const require = createRequire(import.meta.url);

/** patch-package's own reading of patch files and of their names, as it runs at install. */
const { parsePatchFile } = require('patch-package/dist/patch/parse') as {
  parsePatchFile(text: string): unknown[];
};
const { reversePatch } = require('patch-package/dist/patch/reverse') as {
  reversePatch(patch: unknown[]): unknown[];
};
const { executeEffects } = require('patch-package/dist/patch/apply') as {
  executeEffects(effects: unknown[], options: { dryRun: boolean; cwd: string }): void;
};
const { getPackageDetailsFromPatchFilename } = require('patch-package/dist/PackageDetails') as {
  getPackageDetailsFromPatchFilename(name: string): { name: string; version: string } | null;
};

const patchFile = () => {
  const files = readdirSync(PATCHES).filter((name) => name.startsWith('whatsapp-web.js+'));
  expect(files, 'one patch of whatsapp-web.js in patches/').toHaveLength(1);
  return files[0]!;
};

it('is made for the whatsapp-web.js release installed', () => {
  const details = getPackageDetailsFromPatchFilename(patchFile());
  const installed = JSON.parse(
    readFileSync(join(require.resolve('whatsapp-web.js'), '../package.json'), 'utf8'),
  ) as { version: string };
  expect(
    installed.version,
    `whatsapp-web.js ${installed.version} is installed, the patch was made for ${details?.version}: ` +
      'check whether this release reads message keys by toString() (then delete the patch) or ' +
      'make the patch again for it (docs/channels.md)',
  ).toBe(details?.version);
});

it('is in place in node_modules: undoing it would apply cleanly, as patch-package checks', () => {
  const patch = parsePatchFile(readFileSync(join(PATCHES, patchFile()), 'utf8'));
  expect(patch.length).toBeGreaterThan(0);
  // patch-package's test for "already applied": the reversed patch applies in a dry run.
  expect(() => executeEffects(reversePatch(patch), { dryRun: true, cwd: ROOT })).not.toThrow();
});

it('is applied by every install, so a fresh machine gets it too', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  expect(pkg.scripts['postinstall']).toBe('patch-package');
  expect(pkg.devDependencies['patch-package']).toBeDefined();
});
