// The command line of `npm start`: `npm start -- --port 9000` (or PORT=9000 npm start) picks
// code-server's port; without one, the first free port from 8080 up.
import { parseArgs } from 'node:util';

export const DEFAULT_PORT = 8080;

export const START_USAGE = `Usage: npm start [-- --port N]

Builds LTH Lab, runs examples/phase-transition.lth.json into examples/.lth/runs, and opens
examples/ in VS Code with the extension loaded: desktop VS Code when \`code\` is on the PATH,
otherwise a local code-server at http://127.0.0.1:PORT/.

  --port N   code-server's port (1-65535; also PORT=N). Default: the first free port from ${DEFAULT_PORT}.
  --help     this text
`;

/** { help } or { port } (undefined: pick a free one); throws an Error whose message says what was expected. */
export function parseStartOptions(argv, env = {}) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { port: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    throw new Error(`${error.message.replace(/\. To specify a positional argument.*$/s, '')}; expected --port N or --help`);
  }
  if (values.help) return { help: true, port: undefined };
  const [source, text] = values.port !== undefined ? ['--port', values.port] : env.PORT ? ['PORT', env.PORT] : [undefined, undefined];
  if (text === undefined) return { help: false, port: undefined };
  const port = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535)) throw new Error(`${source} must be a TCP port number (1-65535), got ${JSON.stringify(text)}`);
  return { help: false, port };
}
