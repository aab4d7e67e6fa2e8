// Lint rules that keep the architecture's shape (see ../shared/design/STYLE.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const browserGlobals = ['window', 'document', 'chrome', 'browser', 'localStorage', 'sessionStorage', 'navigator'].map(
  (name) => ({ name, message: 'lib/ is pure: environment comes in through VerifyEnv (only lib/extension/ may touch browser APIs).' }),
);

export default tseslint.config(
  { ignores: ['node_modules/', '.output/', '.wxt/', 'dist/', 'test-results/', 'playwright-report/', 'tests/.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['lib/**/*.ts'],
    ignores: ['lib/extension/**'],
    rules: {
      'no-restricted-globals': ['error', ...browserGlobals],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'http', 'https', 'dns'], message: 'lib/ runs in the MV3 service worker: no Node modules.' },
            { group: ['wxt', 'wxt/*', 'webextension-polyfill', 'preact', 'preact/*', 'idb'], message: 'Only lib/extension/ may import extension or UI libraries.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: globals.node },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['tests/fixture-web/site/**/*.js'],
    languageOptions: { globals: globals.browser },
  },
);
