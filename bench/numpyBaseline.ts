// Runs the NumPy baseline (bench/numpy_reference.py) under Debian's python3-numpy, on OpenBLAS
// put first on the process's library path (openBlas.ts: Debian's BLAS alternatives may name the
// reference BLAS). OpenBLAS 0.3.21 does not know every new CPU: where the CPU has AVX-512 the
// SkylakeX kernels are forced (notes/performance.md), so the baseline gets its best dense
// products rather than a generic fallback.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from './childProcess';
import { locateOpenBlas, withOpenBlas } from './openBlas';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = join(__dirname, 'numpy_reference.py');

export interface NumpyTraining {
  samples: number;
  nonzerosPerNeuron: number;
}

export interface NumpyJob {
  inputDim: number;
  hiddenUnits: number;
  iterations: number;
  stepSize: number;
  momentum: number;
  initDistance: number;
  testSamples: number;
  seed: number;
  trainings: NumpyTraining[];
}

export interface BlasInfo {
  coreName: string;
  config: string;
  threads: number;
}

export interface NumpyResult {
  /** The loop over trainings, measured inside Python (no interpreter start, no numpy import). */
  seconds: number;
  /** The gradient-descent iterations only. */
  descentSeconds: number;
  trainings: number;
  relativeErrors: number[];
  numpy: string;
  blas: BlasInfo | null;
  peakRssBytes: number;
  /** From spawning Python to its exit, as measured here. */
  wallSeconds: number;
}

/** The OpenBLAS core type to force on this CPU, or null to let OpenBLAS detect it. */
export function openBlasCoreType(cpuInfoPath = '/proc/cpuinfo'): string | null {
  if (!existsSync(cpuInfoPath)) return null;
  return /\bavx512f\b/.test(readFileSync(cpuInfoPath, 'utf8')) ? 'SkylakeX' : null;
}

/** What every NumPy baseline process runs on. */
export interface NumpySetup {
  /** The folder of OpenBLAS's libblas.so.3. */
  openBlasDir: string;
  openBlasSource: string;
}

/** Python and an OpenBLAS for the baseline; throws, saying how to fix it, when either is missing. */
export async function prepareNumpy(log: (message: string) => void): Promise<NumpySetup> {
  if (!existsSync(PYTHON)) {
    throw new Error(`${PYTHON} not found: the NumPy baseline needs Debian's python3 and python3-numpy (apt-get install python3-numpy)`);
  }
  const openBlas = await locateOpenBlas(log);
  if (!openBlas.ok) throw new Error(openBlas.reason);
  return { openBlasDir: openBlas.dir, openBlasSource: openBlas.source };
}

/** Environment of a baseline process: OpenBLAS, the forced core type and, if given, the BLAS thread count. */
function baselineEnvironment(setup: NumpySetup, blasThreads: number | undefined, coreType: string | null): NodeJS.ProcessEnv {
  const environment = withOpenBlas(process.env, setup.openBlasDir);
  delete environment.OPENBLAS_CORETYPE;
  if (coreType) environment.OPENBLAS_CORETYPE = coreType;
  if (blasThreads !== undefined) {
    environment.OPENBLAS_NUM_THREADS = String(blasThreads);
    environment.OMP_NUM_THREADS = String(blasThreads);
  }
  return environment;
}

/**
 * Runs one baseline process on `job`; `blasThreads` undefined = OpenBLAS's default (all cores);
 * `coreType` null = OpenBLAS's own detection.
 */
export async function runNumpy(setup: NumpySetup, job: NumpyJob, blasThreads?: number, coreType: string | null = openBlasCoreType()): Promise<NumpyResult> {
  const { code, stdout, stderr, wallSeconds } = await runChild(PYTHON, [SCRIPT], { env: baselineEnvironment(setup, blasThreads, coreType), input: JSON.stringify(job) });
  if (code !== 0) throw new Error(`${PYTHON} ${SCRIPT} exited with code ${code}: ${stderr.trim() || '(no output)'}`);
  let result: NumpyResult;
  try {
    result = { ...(JSON.parse(stdout) as Omit<NumpyResult, 'wallSeconds'>), wallSeconds };
  } catch (error) {
    throw new Error(`${SCRIPT} printed something other than its JSON result (${(error as Error).message}): ${stdout.slice(0, 200)}`);
  }
  if (result.blas === null) throw new Error(`the NumPy baseline did not run on OpenBLAS (from ${setup.openBlasSource}): not a fair baseline`);
  return result;
}

/**
 * The way a NumPy user would use every core on a sweep of small trainings: `processes` baseline
 * processes with one BLAS thread each, on interleaved shares of the trainings, at the same time.
 * Seconds are those of the slowest process; relative errors come back in the job's order.
 */
export async function runNumpyInProcesses(setup: NumpySetup, job: NumpyJob, processes: number, coreType: string | null = openBlasCoreType()): Promise<NumpyResult> {
  const shares = Array.from({ length: processes }, (_, share) => job.trainings.filter((_training, index) => index % processes === share));
  const results = await Promise.all(
    shares.map((trainings, share) => runNumpy(setup, { ...job, seed: job.seed + share, trainings }, 1, coreType)),
  );
  const relativeErrors = job.trainings.map((_training, index) => results[index % processes].relativeErrors[Math.floor(index / processes)]);
  return {
    ...results[0],
    seconds: Math.max(...results.map((result) => result.seconds)),
    descentSeconds: Math.max(...results.map((result) => result.descentSeconds)),
    wallSeconds: Math.max(...results.map((result) => result.wallSeconds)),
    trainings: job.trainings.length,
    relativeErrors,
    peakRssBytes: Math.max(...results.map((result) => result.peakRssBytes)),
  };
}
