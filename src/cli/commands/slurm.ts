// `lth slurm FILE --shards N [...]`: writes a Slurm job array that runs the sweep as N shards and
// a merge job that waits for it, and with --submit submits both (see core/cluster/slurmScripts).
import { join } from 'node:path';
import { mergedRunFolder } from '../../core/cluster/clusterRun';
import { loadClusterExperiment } from '../../core/cluster/clusterExperiment';
import { recordSubmission, writeSlurmRun } from '../../core/cluster/slurmRun';
import { ARRAY_SCRIPT, MERGE_SCRIPT, slurmPartitionProblem, slurmTimeProblem, SUBMIT_SCRIPT, type MergeDependency } from '../../core/cluster/slurmScripts';
import { submitSlurmJobs } from '../../core/cluster/slurmSubmit';
import { errorMessage } from '../../shared/errorMessage';
import { parseCommandLine, positiveInteger, UsageError } from '../arguments';
import { EXIT, processIo, type CliIo } from '../cliIo';
import { clusterFolder, DEFAULT_CLUSTER_ROOT, fileAndShards, thisLthCommand } from '../clusterOptions';

export const SLURM_USAGE = `Usage: lth slurm FILE --shards N [--partition P] [--time T] [--cpus-per-task C]
                 [--max-parallel K] [--merge-after ok|any] [--out DIR] [--force-unlock] [--submit]

Writes, into DIR, a Slurm job array (${ARRAY_SCRIPT}: #SBATCH --array=0-(N-1)%K, task i runs
lth run FILE --shard i+1/N into DIR/shards/shard-<i+1>/) and a merge job (${MERGE_SCRIPT}:
lth merge of the shard folders into DIR/merged/, a run folder every lth command and the editor
read). ${SUBMIT_SCRIPT} submits both, the merge depending on the array. Submitting the array again
resumes every shard: finished trials are never recomputed. The jobs run this lth with this node
(absolute paths), so DIR and FILE must be on a file system the compute nodes share.

  --shards N            shards (array tasks); at most the cluster's MaxArraySize (often 1001)
  --partition P         partition (or comma-separated partitions) for both jobs
  --time T              time limit per task, e.g. 30, 2:00:00 or 1-00:00:00
  --cpus-per-task C     CPUs per task (default 1); each shard runs C worker threads
  --max-parallel K      at most K tasks at once (the array's %K)
  --merge-after ok|any  any (default): merge whatever the shards finished and report the
                        shards that failed; ok: merge only when every shard succeeded
  --out DIR             the cluster run's folder (default: ${DEFAULT_CLUSTER_ROOT}/<experiment>)
  --force-unlock        tasks take their shard's folder over even if its run.lock names another
                        node: for re-submitting after a node died mid-shard, and only when no
                        earlier task of this run still runs
  --submit              submit both with sbatch and print the job ids

Exit codes: 0 written (and submitted), 1 invalid FILE or sbatch failed, 2 usage error.
`;

export async function slurmCommand(argv: string[], io: CliIo = processIo, lthCommand: readonly string[] = thisLthCommand()): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    shards: { type: 'string' },
    partition: { type: 'string' },
    time: { type: 'string' },
    'cpus-per-task': { type: 'string' },
    'max-parallel': { type: 'string' },
    'merge-after': { type: 'string' },
    out: { type: 'string' },
    submit: { type: 'boolean' },
    'force-unlock': { type: 'boolean' },
  });
  const { configPath, shards } = fileAndShards(positionals, values.shards);
  const cpusPerTask = positiveInteger(values['cpus-per-task'], '--cpus-per-task') ?? 1;
  const maxParallel = positiveInteger(values['max-parallel'], '--max-parallel');
  const mergeAfter = mergeDependency(values['merge-after']);
  for (const problem of [values.time === undefined ? undefined : slurmTimeProblem(values.time), values.partition === undefined ? undefined : slurmPartitionProblem(values.partition)]) {
    if (problem !== undefined) throw new UsageError(problem);
  }

  let clusterDir: string;
  try {
    const loaded = await loadClusterExperiment(configPath);
    clusterDir = clusterFolder(values.out, loaded.experiment);
    const run = writeSlurmRun({
      ...loaded,
      clusterDir,
      workingDir: process.cwd(),
      shards,
      lthCommand,
      cpusPerTask,
      mergeAfter,
      ...(maxParallel === undefined ? {} : { maxParallel }),
      ...(values.partition === undefined ? {} : { partition: values.partition }),
      ...(values.time === undefined ? {} : { time: values.time }),
      ...(values['force-unlock'] ? { forceUnlock: true } : {}),
    });
    io.stdout.write(`Wrote ${join(clusterDir, ARRAY_SCRIPT)} (${shards} shards) and ${join(clusterDir, MERGE_SCRIPT)}\n`);
    if (!values.submit) {
      io.stdout.write(`Submit both with: bash ${join(clusterDir, SUBMIT_SCRIPT)}\n`);
      return EXIT.ok;
    }
    const jobIds = submitSlurmJobs(clusterDir, mergeAfter);
    recordSubmission(clusterDir, run, jobIds);
    io.stdout.write(`Submitted array job ${jobIds.array} (${shards} shards) and merge job ${jobIds.merge} (${mergeAfter}:${jobIds.array})\n`);
    io.stdout.write(`Watch: squeue -j ${jobIds.array},${jobIds.merge}; results: ${mergedRunFolder(clusterDir)}\n`);
    return EXIT.ok;
  } catch (error) {
    io.stderr.write(`lth slurm: ${errorMessage(error)}\n`);
    return EXIT.failed;
  }
}

function mergeDependency(text: string | undefined): MergeDependency {
  if (text === undefined || text === 'any') return 'afterany';
  if (text === 'ok') return 'afterok';
  throw new UsageError(`--merge-after ${JSON.stringify(text)}: expected "ok" (merge only when every shard succeeded) or "any" (merge what finished, report failed shards)`);
}
