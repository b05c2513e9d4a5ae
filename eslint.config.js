// Lint rules, and the layers as rules: the arrows between folders may only point down,
// features never reach into each other (shared helpers live in src/features/shared), and
// there are no import cycles. `npm test` runs this before the tests.
import { readdirSync } from 'node:fs';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

/** What a layer may never import (paths from the project root). */
const LAYERS = [
  { target: './src', from: './adapters', message: 'src/ never imports adapters/: the composition root in adapters/main.ts plugs them in.' },
  {
    target: './src/core',
    from: [
      './src/domain',
      './src/application',
      './src/features',
      './src/chat',
      './src/outbox',
      './src/platform',
      './src/persistence',
      './src/http',
      './src/gateways',
      './src/i18n',
      './src/wiring.ts',
      './src/kohort.ts',
    ],
    message: 'the core imports nothing above it.',
  },
  {
    target: './src/ui',
    from: ['./src/core', './src/domain', './src/application', './src/features', './src/chat', './src/outbox', './src/platform', './src/persistence', './src/http', './src/gateways'],
    message: 'the message model stands on its own.',
  },
  { target: './src/i18n', from: ['./src/core', './src/domain', './src/application', './src/features', './src/chat', './src/outbox', './src/persistence'], message: 'i18n stands on its own.' },
  {
    target: './src/domain',
    from: ['./src/application', './src/features', './src/chat', './src/outbox', './src/platform', './src/persistence', './src/http', './src/gateways'],
    message: 'the domain imports neither features nor persistence.',
  },
  {
    target: './src/application',
    from: ['./src/features', './src/chat', './src/outbox', './src/platform', './src/persistence', './src/http', './src/gateways'],
    message: 'the application layer knows no feature, surface or store.',
  },
  {
    target: './src/features',
    from: ['./src/chat', './src/outbox', './src/platform', './src/persistence', './src/http', './src/gateways', './src/config.ts', './src/wiring.ts', './src/kohort.ts'],
    message: 'features import neither persistence nor adapters nor surfaces: they get ports.',
  },
  { target: ['./src/chat', './src/outbox', './src/platform', './src/http', './src/gateways'], from: ['./src/persistence'], message: 'surfaces reach the database through ports.' },
  { target: './src/persistence', from: ['./src/application', './src/features', './src/chat', './src/outbox'], message: 'persistence implements domain ports; it knows no use case.' },
];

/** A feature folder may use src/features/shared and itself, never another feature (the list in index.ts excepted). */
const FEATURES_DIR = './src/features';
const features = readdirSync(new URL(FEATURES_DIR, import.meta.url), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const FEATURE_ZONES = features.map((name) => ({
  target: `${FEATURES_DIR}/${name}`,
  from: FEATURES_DIR,
  except: name === 'shared' ? ['./shared'] : [`./${name}`, './shared'],
  message: name === 'shared' ? 'shared helpers never depend on a feature.' : 'a feature uses src/features/shared, never another feature.',
}));

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'src/persistence/generated/', 'adapters/local/public/', 'coverage/', 'dist/'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Parse TypeScript dependencies too, or no-cycle cannot follow an import into them.
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: [...LAYERS, ...FEATURE_ZONES] }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-self-import': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Tests read recorded platform payloads, whose shapes are the platforms' business.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
