// Which Slurm job a process runs in, and whether Slurm says a job has ended: what lets a run
// folder's lock left by a task on another node (cancelled, timed out, its node lost) be taken
// over by the re-submitted task, where a process check cannot see that node.
import { spawnSync } from 'node:child_process';

/**
 * The job this process runs in, as squeue names it: "<array job>_<task>" for an array task (what
 * a person sees in squeue), the job id otherwise; undefined outside Slurm.
 */
export function currentSlurmJob(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { SLURM_ARRAY_JOB_ID: arrayJob, SLURM_ARRAY_TASK_ID: task, SLURM_JOB_ID: job } = env;
  if (arrayJob && task) return `${arrayJob}_${task}`;
  return job || undefined;
}

/**
 * States in which a job's processes are gone for good. Any other state (pending, running,
 * completing, suspended, requeued…) counts as possibly still writing.
 */
const ENDED_STATES = new Set(['COMPLETED', 'CANCELLED', 'FAILED', 'TIMEOUT', 'NODE_FAIL', 'PREEMPTED', 'BOOT_FAIL', 'DEADLINE', 'OUT_OF_MEMORY', 'REVOKED', 'SPECIAL_EXIT']);

export type SlurmJobState = { ended: true; state: string } | { ended: false; state?: string; unknown?: string };

/**
 * Asks squeue for `job`'s state. A job Slurm no longer knows (purged after it ended) has ended;
 * when squeue cannot be asked, or answers something else, nothing is known (`unknown` says why).
 */
export function slurmJobState(job: string, squeue = 'squeue'): SlurmJobState {
  if (!/^\d+(_\d+)?$/.test(job)) return { ended: false, unknown: `"${job}" is not a Slurm job id` };
  const result = spawnSync(squeue, ['--noheader', '--states=all', `--jobs=${job}`, '--format=%T'], { encoding: 'utf8', timeout: 15_000 });
  if (result.error) return { ended: false, unknown: `${squeue} could not be run (${(result.error as NodeJS.ErrnoException).code ?? result.error.message})` };
  if (result.status !== 0) {
    if (/invalid job id/i.test(result.stderr)) return { ended: true, state: 'no longer known to Slurm' };
    return { ended: false, unknown: `${squeue} failed: ${result.stderr.trim() || `exit ${result.status ?? result.signal}`}` };
  }
  const state = result.stdout.trim().split('\n')[0]?.trim() ?? '';
  if (state === '') return { ended: true, state: 'no longer known to Slurm' };
  return ENDED_STATES.has(state) ? { ended: true, state } : { ended: false, state };
}
