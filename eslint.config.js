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
);
