import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWorkerThread, trialWorkerScript, typeScriptBootstrap } from '../../../src/core/execution/workerScript';

const temporaryDir = () => mkdtempSync(join(tmpdir(), 'lth-worker-script-'));

test('the bundled trialWorker.js is preferred over the source', () => {
  const dir = temporaryDir();
  writeFileSync(join(dir, 'trialWorker.js'), '');
  writeFileSync(join(dir, 'trialWorker.ts'), '');
  assert.equal(trialWorkerScript(dir), join(dir, 'trialWorker.js'));
});

test('from sources the .ts worker beside the pool is used', () => {
  assert.equal(trialWorkerScript(), join(__dirname, '..', '..', '..', 'src', 'core', 'execution', 'trialWorker.ts'));
});

test('without either script the error says where it looked', () => {
  const dir = temporaryDir();
  assert.throws(() => trialWorkerScript(dir), (error: Error) => error.message.includes(join(dir, 'trialWorker.js')) && error.message.includes('trialWorker.ts'));
});

test('the TypeScript bootstrap registers tsx by absolute path, then loads the script', () => {
  const bootstrap = typeScriptBootstrap('/somewhere/worker.ts');
  assert.match(bootstrap, /^require\("\/.*node_modules\/tsx\/.*"\)\.register\(\);\nrequire\("\/somewhere\/worker\.ts"\);\n$/);
});

/** Starts a worker on `filename` and returns the first message it posts. */
function firstMessage(filename: string): Promise<unknown> {
  const thread = startWorkerThread(filename);
  return new Promise((resolve, reject) => {
    thread.once('message', (message) => {
      resolve(message);
      void thread.terminate();
    });
    thread.once('error', reject);
  });
}

test('a .ts worker that imports other .ts modules runs from any working directory', async () => {
  const dir = temporaryDir();
  const script = join(dir, 'worker.ts');
  const helper = join(__dirname, '..', '..', '..', 'src', 'core', 'analysis', 'statistics');
  writeFileSync(script, [
    `import { parentPort } from 'node:worker_threads';`,
    `import { describe } from ${JSON.stringify(helper)};`,
    `const typed: number = describe([1, 2, 6]).mean;`,
    `parentPort!.postMessage(typed);`,
  ].join('\n'));
  const previous = process.cwd();
  process.chdir(dir);
  try {
    assert.equal(await firstMessage(script), 3);
  } finally {
    process.chdir(previous);
  }
});

test('a .js worker starts directly', async () => {
  const script = join(temporaryDir(), 'worker.js');
  writeFileSync(script, `require('node:worker_threads').parentPort.postMessage('plain');`);
  assert.equal(await firstMessage(script), 'plain');
});
