// Each WASM host (wasmKernel.ts, wasmNetwork.ts, pixelConversion.ts) types its WebAssembly
// instance's exports with a hand-written interface and casts to it (`as unknown as`), so nothing
// else notices when the AssemblyScript exports and that interface drift apart (a renamed, removed
// or re-parameterised function). This test reads each interface from its source with the
// TypeScript parser and compares the interfaces of a module's hosts with the built module.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { ensureWasmBuilt } from './support';

const sourceRoot = resolve(__dirname, '../../../src/core/families');

/** A generated module (path without extension, and its base64 export) and the host files that instantiate it, each using its own part. */
const MODULES = [
  { hosts: ['teacher-student/kernels/wasmKernel.ts'], generated: 'teacher-student/kernels/generated/sparseStepWasm', exportName: 'sparseStepWasmBase64' },
  {
    hosts: ['lottery-ticket/network/wasmNetwork.ts', 'lottery-ticket/data/pixelConversion.ts'],
    generated: 'lottery-ticket/network/generated/mlpKernelsWasm',
    exportName: 'mlpKernelsWasmBase64',
  },
];

type Declared = { kind: 'function'; parameters: number } | { kind: 'memory' };

/**
 * The members of the interface `instance.exports` is cast to in the host file. The interface is
 * found through the cast, not by name, so renaming it does not silently skip the check.
 */
function declaredExports(hostFile: string): Map<string, Declared> {
  const source = ts.createSourceFile(hostFile, readFileSync(resolve(sourceRoot, hostFile), 'utf8'), ts.ScriptTarget.Latest, true);
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
  assert.ok(typeName, `${hostFile} no longer casts \`<instance>.exports as unknown as <Interface>\`: update this test`);
  const declaration = interfaces.get(typeName);
  assert.ok(declaration, `interface ${typeName} is not declared in ${hostFile}`);

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

/** The module's bytes as its host gets them: the base64 string of the generated module. */
function moduleBytes(generated: string, exportName: string): Uint8Array<ArrayBuffer> {
  // require, not import: the generated file is gitignored, so a static import would break the
  // typecheck of a fresh clone before `npm run build:wasm`.
  const base64 = (require(resolve(sourceRoot, generated)) as Record<string, string>)[exportName];
  assert.equal(typeof base64, 'string', `${generated} does not export ${exportName}`);
  return new Uint8Array(Buffer.from(base64, 'base64'));
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

before(ensureWasmBuilt);

/** What the hosts declare together; a name two hosts declare must be declared alike. */
function declaredByHosts(hosts: readonly string[]): Map<string, Declared> {
  const declared = new Map<string, Declared>();
  for (const host of hosts) {
    for (const [name, member] of declaredExports(host)) {
      const earlier = declared.get(name);
      if (earlier) assert.deepEqual(member, earlier, `${name} is declared differently in ${host} than in ${hosts.join(', ')}`);
      declared.set(name, member);
    }
  }
  return declared;
}

for (const { hosts, generated, exportName } of MODULES) {
  const host = hosts.join(' + ');
  describe(host, () => {
    let declared: Map<string, Declared>;
    let module: WebAssembly.Module;

    before(() => {
      declared = declaredByHosts(hosts);
      module = new WebAssembly.Module(moduleBytes(generated, exportName));
    });

    test('the exports interface was found and is not empty', () => {
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
      assert.deepEqual(undeclared, [], `exported but not declared in ${host}: ${undeclared.map(({ name, kind }) => `${name} (${kind})`).join(', ')}`);
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
  });
}
