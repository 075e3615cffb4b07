import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { readdirSync } from 'node:fs';

/**
 * Features never import each other: what two features share lives in store/,
 * components/ or domain/, or is handed down from app/ (docs/architecture.md).
 */
const FEATURES = readdirSync(new URL('./src/features/', import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const DEXIE = { group: ['dexie'], message: 'Only src/storage imports Dexie.' };
const otherFeatures = (feature) => [
  ...FEATURES.filter((f) => f !== feature).map((f) => ({
    group: [`**/features/${f}`, `**/features/${f}/**`, `../${f}`, `../${f}/**`],
    message: `features never import each other (${feature} → ${f}): share through store/, components/, domain/ or app/.`,
  })),
  // Sharing's UI (src/share/ui) is a feature like the others; its store
  // (src/share/useShareStore) may be read by any feature, as store/ is.
  { group: ['**/share/ui', '**/share/ui/**'], message: `features never import each other (${feature} → share/ui): app/ places the sharing UI.` },
];
// Flat config replaces a rule's options per block, so every block restates
// the Dexie pattern for non-test files.
const crossFeatureRules = FEATURES.flatMap((feature) => [
  {
    files: [`src/features/${feature}/**/*.{ts,tsx}`],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DEXIE, ...otherFeatures(feature)] }] },
  },
  {
    files: [`src/features/${feature}/**/*.test.{ts,tsx}`],
    rules: { 'no-restricted-imports': ['error', { patterns: otherFeatures(feature) }] },
  },
]);

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'dist-server/', 'server-data/', 'coverage/', 'node_modules/', 'dev-dist/', 'test-results/', 'dist-*/', 'test-results-*/', '.bench-tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // The domain is plain TypeScript: no React, no Dexie, no DOM. Tests in
    // src/domain/layering.test.ts enforce the DOM part; this enforces imports.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/domain must not use React.' },
            { group: ['dexie', 'dexie-*'], message: 'src/domain must not use Dexie.' },
            { group: ['@xyflow/*', 'zustand', 'zustand/*'], message: 'src/domain is UI-free.' },
            { group: ['**/storage/**', '**/store/**', '**/features/**', '**/components/**', '**/app/**'], message: 'imports point down only.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'HTMLElement'],
    },
  },
  {
    // Only storage/ talks to IndexedDB.
    files: ['src/features/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}', 'src/app/**/*.{ts,tsx}', 'src/store/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['dexie'], message: 'Only src/storage imports Dexie.' }] }],
    },
  },
  ...crossFeatureRules,
  {
    // Sharing's UI is a feature: it imports no other feature, and no Dexie.
    files: ['src/share/ui/**/*.{ts,tsx}'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [DEXIE, { group: ['**/features/**'], message: 'features never import each other (share/ui → features/): share through store/, components/, domain/ or app/.' }] },
      ],
    },
  },
  {
    // Sharing's store and engine talk to IndexedDB through storage/ only.
    files: ['src/share/*.ts'],
    ignores: ['**/*.test.{ts,tsx}', 'src/share/testClients.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [DEXIE] }] },
  },
);
