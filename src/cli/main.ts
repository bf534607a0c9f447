// `lth`: the command-line face of LTH Lab (bundled as dist/cli.js, package.json "bin").
// Dispatches to one module per command; every command resolves to its exit code.
import { TOOL_VERSION } from '../core/runs/toolVersion';
import { UsageError } from './arguments';
import { EXIT, processIo, terminalSafeIo, type CliIo } from './cliIo';
import { K8S_USAGE, k8sCommand } from './commands/k8s';
import { MERGE_USAGE, mergeCommand } from './commands/merge';
import { INTERNAL_ERROR_DIR, reportInternalError } from './internalError';
import { REPAIR_USAGE, repairCommand } from './commands/repair';
import { REPORT_USAGE, reportCommand } from './commands/report';
import { RUN_USAGE, runCommand } from './commands/run';
import { SLURM_USAGE, slurmCommand } from './commands/slurm';
import { SUMMARIZE_USAGE, summarizeCommand } from './commands/summarize';
import { validateCommand } from './commands/validate';

interface Command {
  synopsis: string;
  /** Shown on --help and after a usage error; commands without one print their own help. */
  usage?: string;
  run(argv: string[], io: CliIo): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  run: { synopsis: 'run FILE [options]        run an experiment\'s sweep into a run folder', usage: RUN_USAGE, run: runCommand },
  validate: {
    synopsis: 'validate FILE...          check experiment files (FILE:LINE:COL: problem)',
    run: (argv, io) => validateCommand(argv, { out: (line) => io.stdout.write(`${line}\n`), error: (line) => io.stderr.write(`${line}\n`) }),
  },
  summarize: {
    synopsis: 'summarize RUN_DIR...      per-cell table and phase boundary (--json for machines)',
    usage: SUMMARIZE_USAGE,
    run: summarizeCommand,
  },
  report: {
    synopsis: 'report RUN_DIR... [--out] self-contained HTML report with the panel\'s charts',
    usage: REPORT_USAGE,
    run: reportCommand,
  },
  repair: {
    synopsis: 'repair RUN_DIR...         move lines of trials.jsonl that are not trials aside',
    usage: REPAIR_USAGE,
    run: repairCommand,
  },
  merge: {
    synopsis: 'merge SHARD_DIR... --out  union shard folders into one run folder; report missing trials',
    usage: MERGE_USAGE,
    run: mergeCommand,
  },
  slurm: {
    synopsis: 'slurm FILE --shards N     Slurm job array of shards + merge job (--submit: sbatch them)',
    usage: SLURM_USAGE,
    run: (argv, io) => slurmCommand(argv, io),
  },
  k8s: {
    synopsis: 'k8s FILE --shards N       Kubernetes Indexed Job of shards + merge Job (--image IMG)',
    usage: K8S_USAGE,
    run: k8sCommand,
  },
};

export const MAIN_USAGE = `lth ${TOOL_VERSION}: LTH Lab, lottery-ticket and pruning experiments (teacher-student model, tickets on MNIST)

Usage: lth <command> [options]

Commands:
${Object.values(COMMANDS)
  .map((command) => `  ${command.synopsis}`)
  .join('\n')}

  lth <command> --help   options of a command
  lth --version          print the version

Exit codes: 0 success, 1 failure (invalid file, failed run, unreadable folder), 2 usage error;
lth run also 130 when cancelled by Ctrl-C, 143 by SIGTERM and 129 by SIGHUP.
`;

/** Runs one command; never throws: a bug in lth is one line on stderr, its stack in a file under `errorLogDir`. */
export async function main(argv: string[], rawIo: CliIo = processIo, errorLogDir: string = INTERNAL_ERROR_DIR): Promise<number> {
  // Every command prints through the output boundary: nothing from a file or folder reaches
  // the terminal unescaped.
  const io = terminalSafeIo(rawIo);
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(MAIN_USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return EXIT.ok;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr.write(`lth: unknown command ${JSON.stringify(name)}; expected one of ${Object.keys(COMMANDS).join(', ')}\n\n${MAIN_USAGE}`);
    return EXIT.usage;
  }
  if (command.usage && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout.write(command.usage);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`lth ${name}: ${error.message}\n\n${command.usage ?? ''}`);
      return EXIT.usage;
    }
    reportInternalError(error, argv, io.stderr, errorLogDir);
    return EXIT.failed;
  }
}

if (require.main === module) {
  // `lth summarize RUN | head` closes the pipe early: the reader has what it wanted, so stop quietly
  // (Node would otherwise throw EPIPE from the stream, with a stack trace).
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT.ok);
  });
  // What escapes every command (an error thrown in a stream's callback) is still one line and a log file.
  process.on('uncaughtException', (error) => {
    reportInternalError(error, process.argv.slice(2), terminalSafeIo(processIo).stderr);
    process.exit(EXIT.failed);
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
