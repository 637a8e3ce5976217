import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

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
    // Only addin/src/excel/ may touch Office/Excel (design.md).
    files: ['addin/**/*.{ts,tsx}'],
    ignores: ['addin/src/excel/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'Excel', message: 'Only addin/src/excel/ touches Excel.' }, { name: 'Office', message: 'Only addin/src/excel/ touches Office.' }],
    },
  },
);
