import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import * as entry from './index.js';

// The public names of @crm-gateway/emulator. A name that disappears (or appears) fails here: change the list in the same commit,
// with a changeset that says so.
const indexPath = fileURLToPath(new URL('./index.ts', import.meta.url));

describe('public API of @crm-gateway/emulator', () => {
  test('the runtime exports', () => {
    expect(Object.keys(entry).sort()).toEqual([
      'DEFAULT_NOTIFICATION_SECRET',
      'EDITIONS',
      'EmulatorError',
      'OPERATION_IDS',
      'SeedValidationError',
      'defaultSeed',
      'signNotification',
      'startEmulator',
      'validateSeed',
    ]);
  });

  test('the type-only exports', () => {
    const program = ts.createProgram([indexPath], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(indexPath)!)!;
    const names = checker.getExportsOfModule(moduleSymbol).map((symbol) => symbol.getName());
    expect(names.filter((name) => !(name in entry)).sort()).toEqual([
      'Delivery',
      'DuplicateFlag',
      'Edition',
      'Emulator',
      'EmulatorOptions',
      'EmulatorState',
      'EntitlementChangeNotification',
      'EntitlementStatus',
      'FaultRule',
      'Faults',
      'OperationId',
      'RequestLogEntry',
      'Seed',
      'SeedClient',
      'SeedProduct',
      'SeedTenant',
      'SeedUser',
      'StoredEntitlement',
    ]);
  });
});
