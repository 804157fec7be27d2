import { readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../..', import.meta.url))

/** Where an import of a workspace package (`@cg/name` or `@cg/name/entry`) leads, by its package.json exports. */
function workspaceEntry(specifier: string): string {
  const [, name, ...rest] = specifier.split('/')
  const manifest = JSON.parse(readFileSync(join(root, 'packages', name!, 'package.json'), 'utf8')) as {
    exports: Record<string, string>
  }
  const entry = manifest.exports[rest.length ? `./${rest.join('/')}` : '.']
  if (!entry) throw new Error(`${specifier} is not an entry point`)
  return join(root, 'packages', name!, entry)
}

/** The modules a file imports at run time (type-only imports and exports left out), and dynamic imports. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true)
  const found: string[] = []
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause
      const typeOnly =
        clause?.isTypeOnly ||
        (clause &&
          !clause.name &&
          clause.namedBindings &&
          ts.isNamedImports(clause.namedBindings) &&
          clause.namedBindings.elements.every((element) => element.isTypeOnly))
      if (!typeOnly) found.push(node.moduleSpecifier.text)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly =
        node.isTypeOnly ||
        (node.exportClause &&
          ts.isNamedExports(node.exportClause) &&
          node.exportClause.elements.every((e) => e.isTypeOnly))
      if (!typeOnly) found.push(node.moduleSpecifier.text)
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [argument] = node.arguments
      found.push(argument && ts.isStringLiteral(argument) ? argument.text : '<computed>')
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return found
}

/** Every module the outline's entry loads at run time, and the packages outside the workspace it reaches. */
function importGraph(entry: string) {
  const files = new Set<string>()
  const workspaceEntries = new Set<string>()
  const externals = new Set<string>()
  const queue = [entry]
  while (queue.length > 0) {
    const file = queue.pop()!
    if (files.has(file)) continue
    files.add(file)
    for (const specifier of runtimeImports(file)) {
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier))
      else if (specifier.startsWith('@cg/')) {
        workspaceEntries.add(specifier)
        queue.push(workspaceEntry(specifier))
      } else externals.add(specifier)
    }
  }
  return { files, workspaceEntries, externals }
}

describe('the outline never loads the canvas', () => {
  it('imports no tldraw, and nothing outside the workspace, at run time: only tldraw-free entry points', () => {
    const graph = importGraph(join(root, 'packages/outline/src/index.ts'))
    expect([...graph.externals]).toEqual([])
    expect([...graph.workspaceEntries].sort()).toEqual([
      '@cg/contract',
      '@cg/report/clusterBoxes',
      '@cg/templates/cells',
    ])
    expect([...graph.files].some((file) => file.endsWith('.test.ts') || file.includes('/test/'))).toBe(false)
  })
})
