import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import * as entry from '../src/index.js';

const indexPath = fileURLToPath(new URL('../src/index.ts', import.meta.url));

describe('public API of @crm-gateway/redis', () => {
  test('the runtime exports', () => {
    expect(Object.keys(entry).sort()).toEqual([
      'NotificationStoreUnavailableError',
      'TokenCacheUnavailableError',
      'createRedisNotificationStore',
      'createRedisTokenCache',
    ]);
  });

  test('every export has JSDoc with an @example', () => {
    const program = ts.createProgram([indexPath], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(indexPath)!)!;
    const missing: string[] = [];
    const exported = checker.getExportsOfModule(moduleSymbol);
    for (const symbol of exported) {
      const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      const declaration = target.declarations?.[0];
      const docs = declaration
        ? ts
            .getJSDocCommentsAndTags(declaration)
            .map((d) => d.getText())
            .join('\n')
        : '';
      if (!docs.includes('@example')) missing.push(symbol.getName());
    }
    expect(exported.length).toBe(10);
    expect(missing).toEqual([]);
  });
});
