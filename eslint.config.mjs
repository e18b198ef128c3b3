// @ts-check
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      // The console has its own toolchain (apps/console: tsc, vitest, codegen --check).
      'apps/console/**',
      '.helixgate/**',
      'test/fixtures/**',
      '*.js',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // Across libs, import through the @helixgate/<lib> alias, never a relative path.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../../*/src', '../../*/src/*', '../../../libs/*', '**/libs/*/src/**'],
              message: 'Import other libs through @helixgate/<lib>.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // globalSetup runs outside jest's module mapper and must import lib files directly.
    files: ['test/setup/**/*.ts', 'libs/db/src/data-source-options.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
