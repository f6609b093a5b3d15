// ESLint with type-aware rules (typescript-eslint). Formatting is Prettier's job (npm run format:check).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'var/**', 'docs/**', 'scripts/**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['web/src/**/*.tsx', 'web/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    rules: {
      // React event handlers (JSX attributes, menu item objects) may be async; their rejections are shown by the form/toast.
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false, properties: false } },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Ports are async by contract (in-memory and Redis adapters, Ant Design validators): an async function without
      // an await is how an in-process implementation satisfies them.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    // Migrations are written against Kysely<any> on purpose: they must not depend on today's table types.
    files: ['server/src/database/migrations/**', 'server/src/database/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-unsafe-argument': 'off' },
  },
  {
    // Tests, benches and harnesses read untyped JSON answers (res.json()); the server and web code may not.
    files: ['**/*.test.ts', '**/*.testkit.ts', 'e2e/**', 'bench/**', 'server/src/testing/**'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  // Plain Node scripts (bench probes run with `node`): Node's globals.
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', setInterval: 'readonly', console: 'readonly' } },
  },
);
