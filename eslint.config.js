import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Test code: tests and the test doubles of testing/ folders. */
const TEST_CODE = ['**/*.test.ts', '**/testing/**'];

/** What the core knows nothing of: how it is shown or transported. */
const NOT_IN_THE_CORE = ['electron', 'react', 'react-dom'].map((name) => ({
  name,
  message: 'The core (src/) never imports electron or react.',
}));

/** An import of a test double's folder. */
const TESTING = {
  group: ['**/testing', '**/testing/**'],
  message:
    'Test doubles (testing/ folders) are for tests only; production code never imports them.',
};

/**
 * An import path that leaves its folder (`../`, as often as needed) straight into one of `targets`
 * of src/: a folder (`customers/`) or a file (`core$`). A path between two folders of src/ names
 * the one it goes into; packages (`zod/v4/core`) never start with `../`.
 */
const into = (...targets) => `^(\\.\\./)+(${targets.join('|')})`;

/**
 * The floors of src/, lowest first (docs/architecture.md): a file imports only from its own floor
 * or below. `files` are the files on a floor; `imports` the import paths that reach it.
 */
const FLOORS = [
  { name: 'shared', files: ['src/shared/**'], imports: into('shared/') },
  { name: 'http', files: ['src/http/**'], imports: into('http/') },
  { name: 'i18n', files: ['src/i18n/**'], imports: into('i18n/') },
  { name: 'api', files: ['src/api/**'], imports: into('api/') },
  { name: 'db', files: ['src/db/**'], imports: into('db/') },
  { name: 'events', files: ['src/events/**'], imports: into('events/') },
  {
    name: 'domain',
    files: ['src/{customers,conversations,inbox,settings,privacy,backup}/**'],
    imports: into('customers/', 'conversations/', 'inbox/', 'settings/', 'privacy/', 'backup/'),
  },
  { name: 'core.ts', files: ['src/core.ts'], imports: into('core$') },
  { name: 'channels', files: ['src/channels/**'], imports: into('channels/') },
  {
    name: 'top',
    files: ['src/handlers.ts', 'src/cli.ts', 'src/cli/**', 'src/server/**', 'src/workspace/**'],
    imports: into('handlers$', 'cli$', 'cli/', 'server/', 'workspace/'),
  },
];

/** What stands above every floor of the core: the desktop shell and the screens. */
const ABOVE_THE_CORE = {
  regex: into('electron/', 'renderer/'),
  caseSensitive: true,
  message:
    'The core (src/) never imports the desktop shell (electron/) or the screens (renderer/).',
};

/** The import rule of the core's files on floor `index` (-1: a folder given no floor yet). */
function floorRule(index) {
  const above = index < 0 ? FLOORS : FLOORS.slice(index + 1);
  const patterns = above.map((floor) => ({
    regex: floor.imports,
    caseSensitive: true,
    message:
      index < 0
        ? 'This folder is on no floor: give it one in FLOORS (eslint.config.js) before it imports from src/.'
        : `The ${FLOORS[index].name} floor imports only from itself and the floors below; ${floor.name} is above it (docs/architecture.md).`,
  }));
  return ['error', { paths: NOT_IN_THE_CORE, patterns: [TESTING, ABOVE_THE_CORE, ...patterns] }];
}

/** The channel folders: none imports another (what two channels share lives in channels/). */
const CHANNELS = ['whatsapp', 'telegram', 'webchat', 'sms'];

/** The channels floor's rule for one channel's folder, plus its neighbours. */
function channelRule(channel) {
  const [level, options] = floorRule(FLOORS.findIndex((floor) => floor.name === 'channels'));
  const others = CHANNELS.filter((other) => other !== channel);
  const neighbours = {
    regex: into(...others.map((other) => `${other}/`)),
    caseSensitive: true,
    message: `A channel's folder imports no other channel's: what ${channel} shares with them belongs in src/channels/.`,
  };
  return [level, { ...options, patterns: [...options.patterns, neighbours] }];
}

/** The screens see the core only through the contract and what it shares with them. */
const RENDERER_IMPORTS = {
  regex: into('src/(?!api/|shared/)', 'electron/'),
  caseSensitive: true,
  message:
    'The renderer imports only src/api and src/shared (the contract); the rest reaches it through the API.',
};

export default tseslint.config(
  {
    ignores: [
      'out/',
      'dist/',
      'node_modules/',
      '.native/',
      '.tmp/',
      'bench/.data/',
      'src/db/migrations/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: [
      'src/**/*.ts',
      'electron/**/*.ts',
      'scripts/**/*.mjs',
      'bench/**/*.ts',
      '*.config.{js,ts}',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { globals: globals.node, sourceType: 'commonjs' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
  },
  {
    // The web chat widget: a plain script on other people's pages.
    files: ['resources/webchat/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
  {
    // A folder of src/ that no floor names yet may import nothing of src/ until it is given one.
    files: ['src/**/*.ts'],
    ignores: TEST_CODE,
    rules: { 'no-restricted-imports': floorRule(-1) },
  },
  ...FLOORS.map((floor, index) => ({
    files: floor.files,
    ignores: TEST_CODE,
    rules: { 'no-restricted-imports': floorRule(index) },
  })),
  ...CHANNELS.map((channel) => ({
    files: [`src/channels/${channel}/**`],
    ignores: TEST_CODE,
    rules: { 'no-restricted-imports': channelRule(channel) },
  })),
  {
    // Tests assemble the whole core, from any floor; but neither they know electron or react: the
    // stand-in `electron` is for electron/'s tests alone.
    files: ['src/**/*.test.ts', 'src/**/testing/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: NOT_IN_THE_CORE }] },
  },
  {
    // Test doubles stay out of what ships: only tests, and other doubles, import a testing/ folder.
    files: ['electron/**/*.ts'],
    ignores: TEST_CODE,
    rules: { 'no-restricted-imports': ['error', { patterns: [TESTING] }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: TEST_CODE,
    rules: { 'no-restricted-imports': ['error', { patterns: [TESTING, RENDERER_IMPORTS] }] },
  },
  {
    // One door to SQLite (db/access.ts): the rest of the core takes a ReadableDB or a WritableDB,
    // and code holding the core asks it (its stores write the tables) instead of running SQL on
    // `core.db`.
    files: ['src/**/*.ts', 'electron/**/*.ts'],
    ignores: [...TEST_CODE, 'src/db/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportDeclaration[source.value='better-sqlite3']",
          message: 'Only src/db/ opens SQLite; take a ReadableDB or a WritableDB (db/access.ts).',
        },
        {
          selector:
            "MemberExpression[object.property.name='db'][property.name=/^(prepare|exec|transaction|pragma)$/]",
          message: 'Ask the core (its stores write the tables) instead of running SQL on core.db.',
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
);
