// Benchmark (f): the phase-transition preset's sweep run the way the extension runs it — a run
// command to a warm trainer child (dist/trainer.js --serve, through the extension's
// TrainerProcess), timed on the host from the command to run-finished. The first run on a fresh
// trainer pays the fork, the module loading and the worker threads' start and warm-up; every
// later run reuses them. Interleaved 1- and 2-worker trainers, each run into a new folder.
// Beside the wall time, the sum of the trainings' own times (each record's `seconds`, timed in
// its worker) says where a missing speed-up goes: workers left idle (busy share below 100%) or
// trainings that ran slower because two ran at once (more training seconds than on 1 worker).
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { newestRunIn } from '../src/core/runs/runListing';
import { experimentRunsFolder } from '../src/core/runs/runFolder';
import { readTrialLog } from '../src/core/runs/trialLog';
import { TrainerProcess } from '../src/extension/runner/trainerProcess';
import type { RunEvent } from '../src/shared/protocol';
import { timing, type Timing } from './results';
import type { BenchSweep } from './sweepBenchmark';

export interface WarmTrainerResults {
  trainings: number;
  /** From forking the trainer to the first run's run-finished, per worker count. */
  firstRun: { oneWorker: number; twoWorkers: number };
  /** Later runs on the same trainers. */
  oneWorker: Timing;
  twoWorkers: Timing;
  /** Later runs: the sum of the trainings' own times (worker-side), per worker count. */
  trainingSeconds: { oneWorker: Timing; twoWorkers: Timing };
}

interface TimedRun {
  /** From the run command to run-finished, on the host. */
  seconds: number;
  /** The sum of the run's trainings' own times, as their records say. */
  trainingSeconds: number;
}

/** One run on `trainer`, timed on the host from the run command to run-finished. */
async function timedRun(trainer: TrainerProcess, sweep: BenchSweep, workers: number, startedAt = performance.now()): Promise<TimedRun> {
  const outDir = mkdtempSync(join(sweep.folder, `warm-${workers}w-`));
  let finished: Extract<RunEvent, { type: 'run-finished' }> | undefined;
  const run = trainer.run(
    { configPath: sweep.configPath, outDir, workers },
    {
      onEvent: (event) => event.type === 'run-finished' && (finished = event),
      onOutput: (line, stream) => stream === 'stderr' && process.stderr.write(`[trainer] ${line}\n`),
      onMalformedMessage: (problem) => process.stderr.write(`[trainer] malformed message: ${problem}\n`),
    },
  );
  await run.exited;
  const seconds = (performance.now() - startedAt) / 1000;
  if (finished?.status !== 'completed') throw new Error(`warm-trainer run on ${workers} workers ended ${finished?.status ?? 'without run-finished'}: ${finished?.message ?? ''}`);
  const written = newestRunIn(experimentRunsFolder(outDir, sweep.experiment.name));
  if (!written) throw new Error(`warm-trainer run on ${workers} workers left no run folder in ${outDir}`);
  // Every teacher-student training record holds its worker-side `seconds`.
  const trainingSeconds = readTrialLog(written.runDir).records.reduce((sum, record) => sum + (record.seconds as number), 0);
  rmSync(outDir, { recursive: true, force: true });
  return { seconds, trainingSeconds };
}

export async function benchmarkWarmTrainer(sweep: BenchSweep, trainerPath: string, repeats: number, log: (message: string) => void): Promise<WarmTrainerResults> {
  const trainers = { 1: undefined as TrainerProcess | undefined, 2: undefined as TrainerProcess | undefined };
  const firstRun = { oneWorker: 0, twoWorkers: 0 };
  const seconds: Record<1 | 2, number[]> = { 1: [], 2: [] };
  const trainingSeconds: Record<1 | 2, number[]> = { 1: [], 2: [] };
  try {
    for (const workers of [1, 2] as const) {
      log(`(f) warm trainer on ${workers} worker${workers === 1 ? '' : 's'}: fork and first run`);
      const forkedAt = performance.now();
      const trainer = new TrainerProcess(trainerPath);
      trainers[workers] = trainer;
      const { seconds: first } = await timedRun(trainer, sweep, workers, forkedAt);
      if (workers === 1) firstRun.oneWorker = first;
      else firstRun.twoWorkers = first;
    }
    for (let repeat = 1; repeat <= repeats; repeat++) {
      log(`(f) warm trainer, repeat ${repeat}/${repeats}: a later run on 1 and on 2 workers`);
      for (const workers of [1, 2] as const) {
        const run = await timedRun(trainers[workers]!, sweep, workers);
        seconds[workers].push(run.seconds);
        trainingSeconds[workers].push(run.trainingSeconds);
      }
    }
  } finally {
    await Promise.all([trainers[1]?.dispose(), trainers[2]?.dispose()]);
  }
  return {
    trainings: sweep.jobs.length,
    firstRun,
    oneWorker: timing(seconds[1]),
    twoWorkers: timing(seconds[2]),
    trainingSeconds: { oneWorker: timing(trainingSeconds[1]), twoWorkers: timing(trainingSeconds[2]) },
  };
}
