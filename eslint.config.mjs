// typescript-eslint's recommended rules, without type information so that linting stays quick on
// 2 cores (`npm run typecheck` does the type-aware checking). Only rules the code breaks on purpose
// are turned off or tuned, each with its reason.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Sanitising hostile text (SMTP replies, certificate fields, pasted cmdlet output) means matching control characters.
      'no-control-regex': 'off',
      // `cond ? a++ : b++` as a statement picks one of two side effects.
      '@typescript-eslint/no-unused-expressions': ['error', { allowTernary: true }],
      // `const { dropped, ...rest } = x` is how the code leaves a key out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // `let x` declared before the closures that read it later, and assigned once it can be made.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    // Plain CommonJS files (bin/, jest's setup, a worker fixture): require is how they import.
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/**/*.ts'],
    // Tests walk untyped JSON (Slack Web API bodies, log lines, YAML) by hand.
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
