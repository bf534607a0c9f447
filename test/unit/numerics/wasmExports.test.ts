// wasmKernel.ts types the WebAssembly instance's exports with a hand-written interface and casts
// to it (`as unknown as`), so nothing else notices when the AssemblyScript exports and that
// interface drift apart (a renamed, removed or re-parameterised function). This test reads the
// interface from the source with the TypeScript parser and compares it with the built module.
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { ensureWasmBuilt } from './support';

const kernelsFolder = resolve(__dirname, '../../../src/core/families/teacher-student/kernels');

type Declared = { kind: 'function'; parameters: number } | { kind: 'memory' };

/**
 * The members of the interface `instance.exports` is cast to in wasmKernel.ts. The interface is
 * found through the cast, not by name, so renaming it does not silently skip the check.
 */
function declaredExports(): Map<string, Declared> {
  const source = ts.createSourceFile('wasmKernel.ts', readFileSync(resolve(kernelsFolder, 'wasmKernel.ts'), 'utf8'), ts.ScriptTarget.Latest, true);
  let typeName: string | undefined;
  const interfaces = new Map<string, ts.InterfaceDeclaration>();
  const visit = (node: ts.Node): void => {
    if (ts.isInterfaceDeclaration(node)) interfaces.set(node.name.text, node);
    if (ts.isAsExpression(node) && ts.isTypeReferenceNode(node.type)) {
      // `instance.exports as unknown as X`: the inner expression is itself an `as unknown`.
      let inner: ts.Expression = node.expression;
      while (ts.isAsExpression(inner) || ts.isParenthesizedExpression(inner)) inner = inner.expression;
      if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'exports') typeName = node.type.typeName.getText(source);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  assert.ok(typeName, 'wasmKernel.ts no longer casts `<instance>.exports as unknown as <Interface>`: update this test');
  const declaration = interfaces.get(typeName);
  assert.ok(declaration, `interface ${typeName} is not declared in wasmKernel.ts`);

  const declared = new Map<string, Declared>();
  for (const member of declaration.members) {
    const name = member.name?.getText(source);
    assert.ok(name, `unnamed member in ${typeName}`);
    if (ts.isMethodSignature(member)) {
      declared.set(name, { kind: 'function', parameters: member.parameters.length });
    } else if (ts.isPropertySignature(member) && member.type && ts.isFunctionTypeNode(member.type)) {
      declared.set(name, { kind: 'function', parameters: member.type.parameters.length });
    } else if (ts.isPropertySignature(member) && member.type?.getText(source) === 'WebAssembly.Memory') {
      declared.set(name, { kind: 'memory' });
    } else {
      assert.fail(`${typeName}.${name}: only methods and a WebAssembly.Memory are understood by this test`);
    }
  }
  return declared;
}

/** The module's bytes as kernelSelection.ts gets them: the base64 string of the generated module. */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  // require, not import: the generated file is gitignored, so a static import would break the
  // typecheck of a fresh clone before `npm run build:wasm`.
  const generated = require(resolve(kernelsFolder, 'generated/sparseStepWasm')) as { sparseStepWasmBase64: string };
  return new Uint8Array(Buffer.from(generated.sparseStepWasmBase64, 'base64'));
}

/** Instantiates with a stub for every import the module lists, only to read its functions' arity. */
function instantiate(module: WebAssembly.Module): WebAssembly.Exports {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  for (const { module: namespace, name, kind } of WebAssembly.Module.imports(module)) {
    assert.equal(kind, 'function', `import ${namespace}.${name} is a ${kind}: give the test a stub for it`);
    (imports[namespace] ??= {})[name] = () => assert.fail(`${namespace}.${name} called while only reading exports`);
  }
  return new WebAssembly.Instance(module, imports).exports;
}

let declared: Map<string, Declared>;
let module: WebAssembly.Module;

before(() => {
  ensureWasmBuilt();
  declared = declaredExports();
  module = new WebAssembly.Module(moduleBytes());
});

test('the exports interface of wasmKernel.ts was found and is not empty', () => {
  assert.ok([...declared.values()].some((member) => member.kind === 'function'), 'no functions declared');
});

test('every declared export exists in the module with the declared kind', () => {
  const exported = new Map(WebAssembly.Module.exports(module).map(({ name, kind }) => [name, kind]));
  for (const [name, { kind }] of declared) {
    assert.equal(exported.get(name), kind, `${name}: declared as a ${kind}, the module exports ${exported.get(name) ?? 'nothing'} by that name`);
  }
});

test('every export of the module is declared in the interface (none unused or undeclared)', () => {
  const undeclared = WebAssembly.Module.exports(module).filter(({ name }) => !declared.has(name));
  assert.deepEqual(undeclared, [], `exported but not declared in wasmKernel.ts: ${undeclared.map(({ name, kind }) => `${name} (${kind})`).join(', ')}`);
});

test('every declared function takes as many parameters as the exported one', () => {
  const exports = instantiate(module);
  for (const [name, member] of declared) {
    if (member.kind !== 'function') continue;
    const exported = exports[name];
    assert.equal(typeof exported, 'function', `${name} is not a function export`);
    // A WebAssembly export's `length` is the parameter count of its signature.
    assert.equal((exported as (...args: number[]) => unknown).length, member.parameters, `${name}: parameter count`);
  }
});
