// The batch scripts of `lth slurm`: a job array whose task i runs shard i+1 of N (`lth run
// --shard`), and a merge job that Slurm starts after the array (`lth merge`). Re-submitting the
// array resumes every shard: `lth run` continues the newest unfinished run of its shard under the
// shard's folder, and a finished shard runs nothing.
import { join } from 'node:path';
import { clusterLogsFolder, mergedRunFolder, SHARD_FOLDER_PREFIX, shardsFolder } from './clusterRun';
import { slurmJobName } from './jobNames';
import { shellCommand, shellQuote } from './shellQuote';

export const ARRAY_SCRIPT = 'lth-array.sbatch';
export const MERGE_SCRIPT = 'lth-merge.sbatch';
export const SUBMIT_SCRIPT = 'submit.sh';

/** afterok: merge only when every shard succeeded; afterany: merge whatever landed and report the failed shards. */
export type MergeDependency = 'afterok' | 'afterany';

export interface SlurmJobOptions {
  /** The cluster run's folder, absolute (see clusterRun.ts). */
  clusterDir: string;
  /** The experiment file, absolute. */
  configPath: string;
  /**
   * Where the jobs run (#SBATCH --chdir): runs name their experiment file relative to it, so it is
   * the folder the results are read from (the editor's workspace; the CLI's working folder).
   */
  workingDir: string;
  experiment: string;
  shards: number;
  /** How a job starts lth: [absolute node, absolute dist/cli.js], so no global install is needed. */
  lthCommand: readonly string[];
  cpusPerTask: number;
  /** Array tasks running at once (the array's %K); all at once when absent. */
  maxParallel?: number;
  partition?: string;
  time?: string;
  mergeAfter: MergeDependency;
  /** Where the merge job writes; default DIR/merged. */
  mergedDir?: string;
  /**
   * Tasks take their shard's folder over even when its run.lock names another node: after a node
   * died mid-shard, its lock names that node and would block the re-submitted task for good.
   */
  forceUnlock?: boolean;
}

export interface SlurmScripts {
  array: string;
  merge: string;
  /** Submits both, the merge depending on the array: for submitting by hand on a login node. */
  submit: string;
}

/** Slurm's time formats: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS, or UNLIMITED. */
const SLURM_TIME = /^(\d+|\d+:\d{1,2}|\d+:\d{1,2}:\d{1,2}|\d+-\d{1,2}|\d+-\d{1,2}:\d{1,2}|\d+-\d{1,2}:\d{1,2}:\d{1,2}|UNLIMITED|INFINITE)$/i;
/** A partition, or a comma-separated list of them. */
const SLURM_PARTITION = /^[A-Za-z0-9_.-]+(,[A-Za-z0-9_.-]+)*$/;

/** What is wrong with a --time value (worded with what was expected), or undefined. */
export function slurmTimeProblem(time: string): string | undefined {
  return SLURM_TIME.test(time) ? undefined : `--time ${JSON.stringify(time)}: expected a Slurm time limit such as 30 (minutes), 2:00:00 or 1-12:00:00`;
}

export function slurmPartitionProblem(partition: string): string | undefined {
  return SLURM_PARTITION.test(partition) ? undefined : `--partition ${JSON.stringify(partition)}: expected a partition name (letters, digits, _ . -) or a comma-separated list of them`;
}

export function slurmScripts(options: SlurmJobOptions): SlurmScripts {
  // An #SBATCH value is one word, or one double-quoted string (sbatch reads no escapes in it).
  if (/["\r\n]/.test(options.clusterDir)) throw new Error(`the cluster folder ${JSON.stringify(options.clusterDir)} holds a double quote or a line break, which an #SBATCH line cannot carry; choose another --out`);
  if (/["\r\n]/.test(options.workingDir)) throw new Error(`the working folder ${JSON.stringify(options.workingDir)} holds a double quote or a line break, which an #SBATCH line cannot carry; run from another folder`);
  for (const problem of [options.time === undefined ? undefined : slurmTimeProblem(options.time), options.partition === undefined ? undefined : slurmPartitionProblem(options.partition)]) {
    if (problem !== undefined) throw new Error(problem);
  }
  return { array: arrayScript(options), merge: mergeScript(options), submit: submitScript(options) };
}

/** #SBATCH lines shared by both jobs. */
function commonDirectives(options: SlurmJobOptions): string[] {
  return [
    `#SBATCH --chdir=${sbatchValue(options.workingDir)}`,
    ...(options.partition === undefined ? [] : [`#SBATCH --partition=${options.partition}`]),
    ...(options.time === undefined ? [] : [`#SBATCH --time=${options.time}`]),
    // A re-submitted task appends to its log instead of wiping the first attempt's.
    '#SBATCH --open-mode=append',
  ];
}

function arrayScript(options: SlurmJobOptions): string {
  const { clusterDir, shards, maxParallel } = options;
  const throttle = maxParallel === undefined ? '' : `%${maxParallel}`;
  // shardRoot's folder with the index from the shell: the folder the merge and the panel read.
  const shardOut = join(shardsFolder(clusterDir), SHARD_FOLDER_PREFIX);
  const run = shellCommand([...options.lthCommand, 'run', options.configPath, ...(options.forceUnlock ? ['--force-unlock'] : []), '--shard']);
  return `#!/bin/bash
# LTH Lab: ${oneLine(options.experiment)} as ${shards} shards on a Slurm job array (written by lth slurm).
# Task i runs shard i+1 of ${shards} into ${oneLine(shardOut)}<i+1>/. Submitting this script
# again resumes each shard: finished trials are kept and never recomputed.
#SBATCH --job-name=${slurmJobName(options.experiment)}
#SBATCH --array=0-${shards - 1}${throttle}
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=${options.cpusPerTask}
#SBATCH --output=${sbatchValue(join(clusterLogsFolder(clusterDir), 'task-%a.log'))}
${commonDirectives(options).join('\n')}
set -euo pipefail
shard=$((SLURM_ARRAY_TASK_ID + 1))
# exec: scancel's SIGTERM reaches lth, which marks the shard cancelled and keeps its trials.
exec ${run} "$shard/${shards}" --out ${shellQuote(shardOut)}"$shard" --workers "\${SLURM_CPUS_PER_TASK:-${options.cpusPerTask}}"
`;
}

function mergeScript(options: SlurmJobOptions): string {
  const { clusterDir } = options;
  const merge = shellCommand([...options.lthCommand, 'merge']);
  const shardsGlob = `${shellQuote(join(shardsFolder(clusterDir), SHARD_FOLDER_PREFIX))}*`;
  return `#!/bin/bash
# LTH Lab: merges the shards of ${oneLine(options.experiment)} into one run folder (written by lth slurm).
# Submitted after the array with --dependency=${options.mergeAfter}:<array job id>; safe to run again.
#SBATCH --job-name=${slurmJobName(options.experiment)}-merge
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --output=${sbatchValue(join(clusterLogsFolder(clusterDir), 'merge.log'))}
${commonDirectives(options).join('\n')}
set -euo pipefail
exec ${merge} ${shardsGlob} --out ${shellQuote(mergedRunFolder(clusterDir, options))}
`;
}

function submitScript(options: SlurmJobOptions): string {
  const folder = shellQuote(options.clusterDir);
  return `#!/bin/bash
# LTH Lab: submits the shard array and the merge job that waits for it (written by lth slurm).
set -euo pipefail
array=$(sbatch --parsable ${folder}/${ARRAY_SCRIPT})
array=\${array%%;*}
merge=$(sbatch --parsable --dependency=${options.mergeAfter}:"$array" ${folder}/${MERGE_SCRIPT})
echo "array job \${array}, merge job \${merge%%;*}"
`;
}

/** A path as an #SBATCH value: double-quoted when it holds white space. */
function sbatchValue(path: string): string {
  return /\s/.test(path) ? `"${path}"` : path;
}

/** A name or path in a comment stays on its comment line. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, ' ');
}
