import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PORT, parseStartOptions, START_USAGE } from '../../../scripts/start-options.mjs';

test('npm start takes the port from --port, else from PORT, else picks a free one', () => {
  assert.deepEqual(parseStartOptions(['--port', '9001'], { PORT: '9002' }), { help: false, port: 9001 });
  assert.deepEqual(parseStartOptions(['--port=9003'], {}), { help: false, port: 9003 });
  assert.deepEqual(parseStartOptions([], { PORT: '9002' }), { help: false, port: 9002 });
  assert.deepEqual(parseStartOptions([], {}), { help: false, port: undefined });
  assert.equal(parseStartOptions(['--help'], {}).help, true);
});

test('a port that is not one is refused, naming where it came from and what was expected', () => {
  assert.throws(() => parseStartOptions(['--port', '80a'], {}), /--port must be a TCP port number \(1-65535\), got "80a"/);
  assert.throws(() => parseStartOptions(['--port', '70000'], {}), /--port must be a TCP port number/);
  assert.throws(() => parseStartOptions([], { PORT: '0' }), /PORT must be a TCP port number \(1-65535\), got "0"/);
  assert.throws(() => parseStartOptions(['--prot', '9000'], {}), /Unknown option '--prot'; expected --port N or --help/);
});

test('the usage documents the option and the default', () => {
  assert.match(START_USAGE, /--port N/);
  assert.ok(START_USAGE.includes(String(DEFAULT_PORT)));
});
