/**
 * The documented API surface: every export of every entry point in package.json "exports"
 * (scripts/entry-points.ts), with its doc comment and tags, read with the TypeScript compiler
 * API, for the docs check (test/docs/api-docs.test.ts).
 */
import { join, relative } from 'node:path';
import ts from 'typescript';
import { entries, repoRoot as root } from '../../scripts/entry-points.js';

export { entries };

export interface ApiExport {
  entry: string;
  name: string;
  kind: 'function' | 'class' | 'interface' | 'type' | 'enum' | 'variable' | 'namespace' | 'other';
  documented: boolean;
  hasExample: boolean;
  /** Where it is declared, relative to the repository. */
  declaredIn: string;
}

function kindOf(d: ts.Declaration): ApiExport['kind'] {
  if (ts.isFunctionDeclaration(d)) return 'function';
  if (ts.isClassDeclaration(d)) return 'class';
  if (ts.isInterfaceDeclaration(d)) return 'interface';
  if (ts.isTypeAliasDeclaration(d)) return 'type';
  if (ts.isEnumDeclaration(d)) return 'enum';
  if (ts.isModuleDeclaration(d) || ts.isSourceFile(d)) return 'namespace';
  if (ts.isVariableDeclaration(d)) {
    const init = d.initializer;
    if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init))) return 'function';
    return 'variable';
  }
  return 'other';
}

/** The doc comment of a declaration, also where it sits on the variable statement. */
function docOf(d: ts.Declaration): { text: string; tags: string[] } {
  const holder = ts.isVariableDeclaration(d) ? d.parent.parent : d;
  const docs = ts.getJSDocCommentsAndTags(holder).filter(ts.isJSDoc);
  let text = '';
  const tags: string[] = [];
  for (const doc of docs) {
    // A file's module comment (typedoc's @module) documents the entry point, not the statement under it.
    if ((doc.tags ?? []).some((t) => t.tagName.text === 'module' || t.tagName.text === 'packageDocumentation')) continue;
    text += typeof doc.comment === 'string' ? doc.comment : (doc.comment ?? []).map((c) => c.text).join('');
    for (const t of doc.tags ?? []) tags.push(t.tagName.text);
  }
  return { text: text.trim(), tags };
}

export function apiExports(): ApiExport[] {
  const list = entries();
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(
    list.map((e) => join(root, e.source)),
    { ...parsed.options, noEmit: true },
  );
  const checker = program.getTypeChecker();
  const out: ApiExport[] = [];
  for (const e of list) {
    const file = program.getSourceFile(join(root, e.source));
    const moduleSymbol = file && checker.getSymbolAtLocation(file);
    if (!moduleSymbol) throw new Error(`${e.source}: no module symbol`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const decls = symbol.declarations ?? [];
      if (decls.length === 0) continue;
      // A comment on the re-export itself (`/** … */ export { x } from …`) documents it too.
      const reexports = exported === symbol ? [] : (exported.declarations ?? []).filter(ts.isExportSpecifier).map((d) => d.parent.parent);
      const docs = [...decls, ...reexports].map(docOf);
      const documented = docs.some((d) => d.text !== '' || d.tags.length > 0) || symbol.getDocumentationComment(checker).length > 0;
      const hasExample = docs.some((d) => d.tags.includes('example'));
      out.push({
        entry: e.specifier,
        name: exported.name,
        kind: kindOf(decls[0]!),
        documented,
        hasExample,
        declaredIn: relative(root, decls[0]!.getSourceFile().fileName),
      });
    }
  }
  return out;
}
