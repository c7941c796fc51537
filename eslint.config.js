import tseslint from 'typescript-eslint';
import { boundaries } from './tools/eslint-boundaries.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'web/dist/**', 'data/**', '.tmp/**', 'server/drizzle/**', 'test-results/**', 'backups/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { boundaries },
    rules: {
      'boundaries/module-boundaries': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
      // Translation tables are object literals: a key written twice silently keeps the last text.
      'no-dupe-keys': 'error',
    },
  },
  // A double click must not save twice: web code takes useMutation from the kernel (web/src/kernel/mutation.ts).
  {
    files: ['web/src/**/*.{ts,tsx}'],
    ignores: ['web/src/kernel/mutation.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: '@tanstack/react-query', importNames: ['useMutation'], message: 'Use useMutation from web/src/kernel/mutation.ts (safe against a double click).' }] }] },
  },
  { files: ['server/src/main.ts', 'server/src/cli/**', 'scripts/**', 'bench/**', 'e2e/**'], rules: { 'no-console': 'off' } },
);
