// Benchmark (f): the phase-transition preset's sweep run the way the extension runs it — a run
// command to a warm trainer child (dist/trainer.js --serve, through the extension's
// TrainerProcess), timed on the host from the command to run-finished. The first run on a fresh
// trainer pays the fork, the module loading and the worker threads' start and warm-up; every
// later run reuses them. Interleaved 1- and 2-worker trainers, each run into a new folder.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
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
}

/** One run on `trainer`, in seconds from the run command to run-finished (on the host). */
async function timedRun(trainer: TrainerProcess, sweep: BenchSweep, workers: number, startedAt = performance.now()): Promise<number> {
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
  rmSync(outDir, { recursive: true, force: true });
  return seconds;
}

export async function benchmarkWarmTrainer(sweep: BenchSweep, trainerPath: string, repeats: number, log: (message: string) => void): Promise<WarmTrainerResults> {
  const trainers = { 1: undefined as TrainerProcess | undefined, 2: undefined as TrainerProcess | undefined };
  const firstRun = { oneWorker: 0, twoWorkers: 0 };
  const seconds: Record<1 | 2, number[]> = { 1: [], 2: [] };
  try {
    for (const workers of [1, 2] as const) {
      log(`(f) warm trainer on ${workers} worker${workers === 1 ? '' : 's'}: fork and first run`);
      const forkedAt = performance.now();
      const trainer = new TrainerProcess(trainerPath);
      trainers[workers] = trainer;
      const first = await timedRun(trainer, sweep, workers, forkedAt);
      if (workers === 1) firstRun.oneWorker = first;
      else firstRun.twoWorkers = first;
    }
    for (let repeat = 1; repeat <= repeats; repeat++) {
      log(`(f) warm trainer, repeat ${repeat}/${repeats}: a later run on 1 and on 2 workers`);
      for (const workers of [1, 2] as const) seconds[workers].push(await timedRun(trainers[workers]!, sweep, workers));
    }
  } finally {
    await Promise.all([trainers[1]?.dispose(), trainers[2]?.dispose()]);
  }
  return { trainings: sweep.jobs.length, firstRun, oneWorker: timing(seconds[1]), twoWorkers: timing(seconds[2]) };
}
