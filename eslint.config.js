import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * A module folder is entered only through its index.ts: `server/src/platform/identity`,
 * `server/src/kernel`, `web/src/console` … Deep imports across folders are reported.
 */
const moduleOf = (file) => {
  const parts = relative(process.cwd(), file).split(sep);
  if (parts[0] === 'server' && parts[1] === 'src') {
    const [, , top, sub] = parts;
    if (['platform', 'govstack', 'packs', 'systems'].includes(top) && parts.length > 4) return `${top}/${sub}`;
    return parts.length > 3 ? top : 'root';
  }
  if (parts[0] === 'web' && parts[1] === 'src') return parts.length > 3 ? `web/${parts[2]}` : 'web/root';
  return parts[0];
};

const boundaries = {
  rules: {
    'no-deep-imports': {
      meta: { type: 'problem', messages: { deep: "Import '{{target}}' through its module's index.ts, not a file inside it." } },
      create(context) {
        const file = context.filename;
        const from = moduleOf(file);
        const isTestCode = /\.(int\.)?test\.tsx?$/.test(file) || from === 'testing' || from === 'e2e' || from === 'bench';
        return {
          ImportDeclaration(node) {
            const source = node.source.value;
            if (typeof source !== 'string' || !source.startsWith('.')) return;
            const target = resolve(dirname(file), source);
            const to = moduleOf(target);
            if (to === from || /(^|\/)index\.tsx?$/.test(target)) return;
            if (from === 'root' && to === 'root') return;
            if (isTestCode && (to === 'testing' || to === 'root')) return;
            if (from === 'web/root' && to.startsWith('web/')) return; // the app shell mounts the front ends
            if (to === 'web/shared' && from.startsWith('web/')) return; // the front ends' shared library
            context.report({ node: node.source, messageId: 'deep', data: { target: source } });
          },
        };
      },
    },
  },
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { zhili: boundaries },
    rules: {
      'zhili/no-deep-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'bench/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
