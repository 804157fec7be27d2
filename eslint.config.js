import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

/**
 * The web app's folders and who may import whom (see apps/web/README.md). `i18n/`, `shared/` and `board/` are layers
 * every feature builds on: each imports only the layers listed for it, and no feature. A feature imports the layers,
 * itself, and only the features listed for it here, each through its entry point (`<feature>/index.ts`, named
 * re-exports only), never a file inside. Nothing imports `app/`, which may import every entry point. The list of
 * features has no cycle (checked when this file loads), so no two folders depend on each other. A page or dialog
 * loaded lazily is imported with `import()` by its own file (the chunk it starts), which this rule does not check.
 */
const WEB_LAYERS = { i18n: [], shared: ['i18n'], board: ['shared', 'i18n'] }
const WEB_FEATURES = {
  access: [],
  agenda: [],
  attention: [],
  audit: [],
  breakouts: [],
  codraft: [],
  deletion: ['offline'],
  export: ['agenda', 'logframe'],
  history: [],
  logframe: [],
  offline: [],
  // Opening a board: what a board's page (the canvas, the outline) knows before it can show it.
  opening: ['deletion', 'offline'],
  // The outline page (never the canvas): opening a board, and the workshop's canvas-free pieces.
  outline: ['agenda', 'opening', 'private', 'voting'],
  private: [],
  retention: ['deletion'],
  sectors: [],
  templates: ['logframe', 'sectors'],
  voting: [],
  workshop: [
    'agenda',
    'attention',
    'audit',
    'breakouts',
    'deletion',
    'history',
    'private',
    'retention',
    'templates',
    'voting',
  ],
}

/** Throws if the features listed above could depend on each other in a circle. */
function assertNoCycle(graph) {
  const state = new Map()
  const visit = (node, path) => {
    if (state.get(node) === 'done') return
    if (state.get(node) === 'visiting')
      throw new Error(`eslint.config.js: web folders in a cycle: ${[...path, node].join(' -> ')}`)
    state.set(node, 'visiting')
    for (const next of graph[node] ?? []) visit(next, [...path, node])
    state.set(node, 'done')
  }
  for (const node of Object.keys(graph)) visit(node, [])
}
assertNoCycle({ ...WEB_LAYERS, ...WEB_FEATURES })

/** One block per folder and depth (imports are relative: `../` from a folder's top, `../../` from a subfolder). */
function webFolderRules() {
  const layers = Object.keys(WEB_LAYERS)
  const entryPointOnly = 'Another feature is used through its entry point only: import from "../<feature>/index.ts".'
  const folders = [
    ...Object.entries(WEB_LAYERS).map(([folder, allowed]) => ({ folder, allowed, layer: true })),
    ...Object.entries(WEB_FEATURES).map(([folder, features]) => ({ folder, allowed: [...layers, ...features] })),
    { folder: 'app', allowed: null },
  ]
  return folders.flatMap(({ folder, allowed, layer }) =>
    [0, 1, 2].map((depth) => {
      const up = '\\.\\./'.repeat(depth + 1)
      const patterns = []
      if (folder !== 'app') patterns.push({ regex: `^${up}app/`, message: 'Nothing imports the app shell (app/).' })
      if (allowed) {
        const others = allowed.filter((name) => !layers.includes(name))
        patterns.push({
          regex: `^${up}(?!(${[folder, ...allowed].join('|')})/)`,
          message: layer
            ? `${folder}/ imports only ${allowed.map((name) => `${name}/`).join(', ') || 'itself'}: features build on it, never the other way round.`
            : `${folder}/ uses ${others.length ? others.map((name) => `${name}/`).join(', ') : 'no other feature'} besides shared/, board/ and i18n/: list a new one in WEB_FEATURES (eslint.config.js), without a cycle.`,
        })
      }
      if (!layer) {
        patterns.push({
          regex: `^${up}(?!(${[folder, ...layers].join('|')})/)[^/]+/(?!index\\.ts$)`,
          message: entryPointOnly,
        })
      }
      return {
        files: [`apps/web/src/${folder}/${'*/'.repeat(depth)}*.{ts,tsx}`],
        rules: { 'no-restricted-imports': ['error', { patterns }] },
      }
    }),
  )
}

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', 'data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // An entry point names what it exports: `export *` hides a module's surface and lets names collide unseen.
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'Name what a module exports instead of `export *`.' },
      ],
    },
  },
  {
    // Type-aware rules: a promise nobody awaits or catches fails silently, and on a server an unhandled
    // rejection stops the process. `void promise` is allowed where the promise handles its own failure.
    files: ['**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  // The web app's folders: who imports whom (see WEB_FEATURES above), entry points, and files of a readable size.
  ...webFolderRules(),
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'Name what is exported (`export { a, b } from`), never `export *`.',
        },
      ],
      // A longer file states why at its top: /* eslint-disable max-lines -- the reason */
      'max-lines': ['error', { max: 300 }],
    },
  },
  {
    files: ['apps/web/src/*/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program > :not(ExportNamedDeclaration[source])',
          message:
            'An entry point only re-exports by name (`export { a } from "./a.ts"`): Vite treats it as free of side effects.',
        },
      ],
    },
  },
)
