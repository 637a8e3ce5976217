import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const officeGlobals = [
  { name: 'Excel', message: 'Only addin/src/excel/ touches Excel.' },
  { name: 'Office', message: 'Only addin/src/excel/ touches Office.' },
];
const wpsGlobals = [
  { name: 'wps', message: 'Only addin/src/wps/ touches WPS.' },
  { name: 'Application', message: 'Only addin/src/wps/ touches WPS.' },
];

export default tseslint.config(
  { ignores: ['node_modules', 'dist', '**/dist', '.wrangler', '**/.wrangler', 'coverage', 'test-results', 'worker/worker-configuration.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['addin/**/*.{ts,tsx}', 'tests/addin/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Only addin/src/excel/ may touch Office/Excel (design.md), only addin/src/wps/ WPS.
    files: ['addin/**/*.{ts,tsx}'],
    ignores: ['addin/src/excel/**', 'addin/src/wps/**'],
    rules: {
      'no-restricted-globals': ['error', ...officeGlobals, ...wpsGlobals],
    },
  },
  { files: ['addin/src/excel/**/*.{ts,tsx}'], rules: { 'no-restricted-globals': ['error', ...wpsGlobals] } },
  { files: ['addin/src/wps/**/*.{ts,tsx}'], rules: { 'no-restricted-globals': ['error', ...officeGlobals] } },
  // The layers (design.md "Shape of the code"): shared/ is the domain and imports no host, no
  // runtime and no other part; the pane and the CLI reach the worker only through its HTTP API.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/addin/**', '**/worker/**', '**/cli/**', '**/bench/**', '**/tests/**'], message: 'shared/ is the domain core: it imports no host and no other part.' },
          { group: ['node:*', 'cloudflare:*', 'react', 'react-dom', 'react/*', '@fluentui/*'], message: 'shared/ runs in Node, the browser and workerd alike: no runtime- or UI-specific imports.' },
        ],
      }],
    },
  },
  {
    // Worker data code (stores, reads, row types, the report builder, auth, audit) imports no HTTP:
    // routes live in files named routes.ts or *-routes.ts (one feature folder each) and only app.ts
    // mounts them, so a row type or a query is never reached through a route file.
    files: ['worker/src/**/*.ts'],
    ignores: ['worker/src/**/routes.ts', 'worker/src/**/*-routes.ts', 'worker/src/routes/**', 'worker/src/app.ts', 'worker/src/index.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/routes', '**/routes.ts', '**/*-routes', '**/*-routes.ts', '**/routes/**', '**/router', '**/router.ts', '**/app', '**/app.ts'], message: 'Worker data code imports no routes: move what both need into a store/read/rows module of the feature.' },
        ],
      }],
    },
  },
  {
    files: ['cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/worker/src/**', '**/addin/**'], message: 'The CLI talks to the worker over HTTP (shared/api), never by importing its code.' },
        ],
      }],
    },
  },
  {
    files: ['addin/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/worker/**', '**/cli/**', 'node:*'], message: 'The pane talks to the worker over HTTP (shared/api) and runs in a browser: no worker, CLI or Node imports.' },
        ],
      }],
    },
  },
);
