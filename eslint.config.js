import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Test code: tests, testing/ folders, and the doubles still living beside the channels they stand
 * in for (the architecture issue moves them into testing/ folders).
 */
const TEST_CODE = [
  '**/*.test.ts',
  '**/testing/**',
  'src/channels/sms/android-gateway/emulator.ts',
  'src/channels/telegram/bot-api-test-server.ts',
  'src/channels/telegram/test-support.ts',
  'src/channels/whatsapp/stand-in-*.ts',
  'src/channels/whatsapp/test-harness.ts',
];

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
    // Test doubles stay out of what ships: only tests, and other doubles, import a testing/ folder.
    files: ['src/**/*.ts', 'electron/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: TEST_CODE,
    rules: { 'no-restricted-imports': ['error', { patterns: [TESTING] }] },
  },
  {
    // The core knows nothing of how it is shown or transported.
    files: ['src/**/*.ts'],
    ignores: TEST_CODE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NOT_IN_THE_CORE,
          // Repeated: a later block's option replaces an earlier one's.
          patterns: [TESTING],
        },
      ],
    },
  },
  {
    // Its tests neither: the stand-in `electron` is for electron/'s tests alone.
    files: TEST_CODE.filter((glob) => !glob.startsWith('**')).concat(
      'src/**/*.test.ts',
      'src/**/testing/**/*.ts',
    ),
    rules: { 'no-restricted-imports': ['error', { paths: NOT_IN_THE_CORE }] },
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
