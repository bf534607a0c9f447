// A real Slurm on this machine for the cluster tier: munged, slurmctld and slurmd from Debian's
// slurm-wlm and munge packages, each a child of the test process (run in the foreground, so the
// test ends them by pid), with a generated slurm.conf, munge key and state folders in a temp
// folder and free ports on 127.0.0.1. No cgroups: proctrack/linuxproc and task/none.
// Needs root (slurmd runs jobs as their user, munged wants its key owned by its user).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

const PROGRAMS = { munged: '/usr/sbin/munged', slurmctld: '/usr/sbin/slurmctld', slurmd: '/usr/sbin/slurmd', sbatch: '/usr/bin/sbatch', squeue: '/usr/bin/squeue', sinfo: '/usr/bin/sinfo', scancel: '/usr/bin/scancel' };
const NODE_NAME = 'lthnode';
/** Terminal job states (squeue --states=all shows finished jobs for MinJobAge seconds). */
const DONE_STATES = new Set(['COMPLETED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'NODE_FAIL', 'PREEMPTED', 'OUT_OF_MEMORY', 'BOOT_FAIL', 'DEADLINE']);

export interface LocalSlurm {
  /** The environment the Slurm commands need (SLURM_CONF). */
  env: NodeJS.ProcessEnv;
  /** Runs a Slurm client command; throws with its output when it fails. */
  command(program: keyof typeof PROGRAMS, args: readonly string[]): string;
  /** The state of each job and array task of `jobId` (e.g. "1_0" -> "RUNNING"). */
  jobStates(jobId: string): Map<string, string>;
  /** Resolves when every task of the jobs has ended; rejects after `timeoutMs` with the daemons' logs. */
  waitForJobs(jobIds: readonly string[], timeoutMs: number): Promise<Map<string, string>>;
  stop(): Promise<void>;
}

/** Why a local Slurm cannot run here, or undefined when it can. */
export function whyNoLocalSlurm(): string | undefined {
  if (process.platform !== 'linux') return `Slurm runs on Linux, this is ${process.platform}`;
  if (process.getuid?.() !== 0) return 'slurmd and munged need root (run the tier as root, as CI does)';
  const missing = Object.values(PROGRAMS).filter((program) => !existsSync(program));
  if (missing.length > 0) return `missing ${missing.join(', ')} (apt-get install slurm-wlm munge; .ci/run does)`;
  return undefined;
}

export async function startLocalSlurm(): Promise<LocalSlurm> {
  const dir = mkdtempSync(join(tmpdir(), 'lth-slurm-'));
  for (const folder of ['state', 'spool', 'log']) mkdirSync(join(dir, folder));
  const keyFile = join(dir, 'munge.key');
  writeFileSync(keyFile, randomBytes(1024), { mode: 0o400 });
  const socket = join(dir, 'munge.socket');
  const [controllerPort, nodePort] = [await freePort(), await freePort()];
  const conf = join(dir, 'slurm.conf');
  const host = hostname().split('.')[0];
  writeFileSync(
    conf,
    [
      'ClusterName=lthtest',
      `SlurmctldHost=${host}(127.0.0.1)`,
      `SlurmctldPort=${controllerPort}`,
      `SlurmdPort=${nodePort}`,
      'SlurmUser=root',
      'AuthType=auth/munge',
      'CredType=cred/munge',
      `AuthInfo=socket=${socket}`,
      `StateSaveLocation=${join(dir, 'state')}`,
      `SlurmdSpoolDir=${join(dir, 'spool')}`,
      `SlurmctldPidFile=${join(dir, 'slurmctld.pid')}`,
      `SlurmdPidFile=${join(dir, 'slurmd.pid')}`,
      `SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}`,
      `SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}`,
      // No cgroups: processes tracked by their parent links, tasks not bound.
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'JobCompType=jobcomp/none',
      'MpiDefault=none',
      'SchedulerType=sched/backfill',
      'SchedulerParameters=sched_interval=1',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_CPU',
      // Four CPUs on a two-core machine, so that four shards run at once; the node is not drained for it.
      'SlurmdParameters=config_overrides',
      'ReturnToService=2',
      // scancel: SIGTERM, then SIGKILL after this many seconds (lth stops within one).
      'KillWait=5',
      'MinJobAge=600',
      `NodeName=${NODE_NAME} NodeHostname=${host} NodeAddr=127.0.0.1 CPUs=4 State=UNKNOWN`,
      `PartitionName=debug Nodes=${NODE_NAME} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'),
  );
  const env = { ...process.env, SLURM_CONF: conf };
  const daemons: ChildProcess[] = [];
  const logs = () =>
    ['slurmctld.log', 'slurmd.log', 'munged.log']
      .map((name) => join(dir, 'log', name))
      .filter(existsSync)
      .map((path) => `--- ${path}\n${readFileSync(path, 'utf8').split('\n').slice(-15).join('\n')}`)
      .join('\n');
  const startDaemon = (program: string, args: string[]) => {
    const child = spawn(program, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('exit', (code, signal) => {
      if (!stopping) daemonDied = `${program} exited (${code ?? signal}): ${stderr.trim()}`;
    });
    daemons.push(child);
  };
  let stopping = false;
  let daemonDied: string | undefined;

  const command = (program: keyof typeof PROGRAMS, args: readonly string[]) => {
    const result = spawnSync(PROGRAMS[program], args, { env, encoding: 'utf8', timeout: 30_000 });
    if (result.status !== 0) throw new Error(`${program} ${args.join(' ')} failed (${result.status ?? result.signal}): ${result.stderr}${result.stdout}\n${logs()}`);
    return result.stdout;
  };
  const jobStates = (jobId: string) => {
    const lines = command('squeue', ['--noheader', '--states=all', '--jobs', jobId, '--format=%i %T']).trim().split('\n');
    return new Map(lines.filter((line) => line.trim() !== '').map((line) => line.trim().split(/\s+/) as [string, string]));
  };

  const stop = async () => {
    stopping = true;
    // slurmd before slurmctld before munged: each still has what it talks to while it stops.
    for (const daemon of [...daemons].reverse()) {
      if (daemon.exitCode !== null || daemon.signalCode !== null) continue;
      const exited = new Promise((resolve) => daemon.once('exit', resolve));
      daemon.kill('SIGTERM');
      const timer = setTimeout(() => daemon.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    startDaemon(PROGRAMS.munged, ['--foreground', '--force', `--socket=${socket}`, `--key-file=${keyFile}`, `--pid-file=${join(dir, 'munged.pid')}`, `--log-file=${join(dir, 'log', 'munged.log')}`, `--seed-file=${join(dir, 'munge.seed')}`]);
    await waitFor(() => existsSync(socket), 10_000, () => `munged did not create ${socket}: ${daemonDied ?? ''}\n${logs()}`);
    startDaemon(PROGRAMS.slurmctld, ['-D', '-f', conf]);
    startDaemon(PROGRAMS.slurmd, ['-D', '-f', conf, '-N', NODE_NAME]);
    await waitFor(
      () => {
        if (daemonDied) throw new Error(`${daemonDied}\n${logs()}`);
        const result = spawnSync(PROGRAMS.sinfo, ['--noheader', '--format=%t'], { env, encoding: 'utf8', timeout: 10_000 });
        return result.status === 0 && result.stdout.trim() === 'idle';
      },
      30_000,
      () => `the node did not become idle in 30 s\n${logs()}`,
    );
  } catch (error) {
    await stop();
    throw error;
  }

  const waitForJobs = async (jobIds: readonly string[], timeoutMs: number) => {
    let states = new Map<string, string>();
    await waitFor(
      () => {
        states = new Map(jobIds.flatMap((id) => [...jobStates(id)]));
        return states.size > 0 && [...states.values()].every((state) => DONE_STATES.has(state));
      },
      timeoutMs,
      () => `jobs ${jobIds.join(', ')} not done after ${timeoutMs / 1000} s: ${JSON.stringify([...states])}\n${logs()}`,
    );
    return states;
  };
  return { env, command, jobStates, waitForJobs, stop };
}

/** Polls `done` every 100 ms; rejects with `describe()` after `timeoutMs`. */
export async function waitFor(done: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A port nothing listens on now (the kernel's pick for port 0). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
