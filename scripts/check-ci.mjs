// `npm run lint:ci`: what cannot run here is at least checked here. The GitHub workflows against
// GitHub's schema (@action-validator), and electron-builder.yml against electron-builder's own
// (the validator its `build` runs first), with the fuses the app relies on.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';

const require = createRequire(import.meta.url);
const problems = [];

/** One error of the validator, with what each alternative of a oneOf found wrong. */
function describe(error) {
  const where = error.path ?? `line ${error.location?.line ?? '?'}`;
  const alternatives = (error.states ?? []).map((state) =>
    state.errors.map((e) => `${e.path}: ${e.detail ?? e.title}`).join(', '),
  );
  return [`${where}: ${error.title}`, error.detail, ...alternatives].filter(Boolean).join('; or ');
}

const workflows = join('.github', 'workflows');
const files = readdirSync(workflows).filter((name) => /\.ya?ml$/.test(name));
if (files.length === 0) problems.push(`${workflows}: no workflow files`);
for (const name of files) {
  const { errors } = validateWorkflow(readFileSync(join(workflows, name), 'utf8'));
  for (const error of errors) problems.push(`${join(workflows, name)}: ${describe(error)}`);
}

// app-builder-lib is electron-builder's own library, declared at electron-builder's exact version so the
// validator is the one that builds the installers.
const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config');
const silent = { isEnabled: false, add() {} };
const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
try {
  await validateConfiguration(config, silent);
} catch (error) {
  problems.push(`electron-builder.yml: ${error.message}`);
}

/** The fuses electron-builder.yml explains, as the shipped app needs them. */
const FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  onlyLoadAppFromAsar: true,
  enableEmbeddedAsarIntegrityValidation: true,
};
for (const [fuse, wanted] of Object.entries(FUSES))
  if (config.electronFuses?.[fuse] !== wanted)
    problems.push(`electron-builder.yml: electronFuses.${fuse} must be ${wanted}`);

if (problems.length > 0) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`${files.length} workflows and electron-builder.yml are valid`);
