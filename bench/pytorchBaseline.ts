// Runs the PyTorch baseline of the lottery-ticket benchmark (bench/pytorch_lenet.py) under
// Debian's python3-torch, on OpenBLAS (openBlas.ts says why and how). The script reports which
// BLAS it actually ran on; the benchmark refuses to call the baseline fair if that was not OpenBLAS.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runChild } from './childProcess';
import { openBlasCoreType, PYTHON } from './numpyBaseline';
import { locateOpenBlas, withOpenBlas } from './openBlas';

const run = promisify(execFile);
const SCRIPT = join(__dirname, 'pytorch_lenet.py');
export const INSTALL_TORCH = 'apt-get install -y --no-install-recommends python3-torch';

export type PytorchSetup =
  | { ok: true; torch: string; openBlasDir: string; openBlasSource: string }
  | { ok: false; reason: string };

/** Is python3-torch there, and where is an OpenBLAS for it? Never throws: a missing piece is a reason to skip. */
export async function preparePytorch(log: (message: string) => void): Promise<PytorchSetup> {
  if (!existsSync(PYTHON)) return { ok: false, reason: `${PYTHON} not found: install Debian's python3 and PyTorch with \`${INSTALL_TORCH}\`` };
  let torch: string;
  try {
    torch = (await run(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { timeout: 120_000 })).stdout.trim();
  } catch (error) {
    const detail = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n').pop();
    return { ok: false, reason: `\`${PYTHON} -c "import torch"\` failed (${detail}): install PyTorch with \`${INSTALL_TORCH}\`` };
  }
  const openBlas = await locateOpenBlas((message) => log(`(e) ${message}`));
  return openBlas.ok ? { ok: true, torch, openBlasDir: openBlas.dir, openBlasSource: openBlas.source } : openBlas;
}

export interface PytorchStepsJob {
  densities: number[];
  variants: Array<'mask-after-step' | 'prune-reparam'>;
  steps: number;
  warmup: number;
  repeats: number;
  batchSize: number;
  seed: number;
}

export interface PytorchChainJob {
  rounds: number;
  iterations: number;
  evaluateEvery: number;
  trainSize: number;
  validationSize: number;
  batchSize: number;
  learningRate: number;
  fraction: number;
  outputFraction: number;
  seed: number;
}

export interface PytorchStepResult {
  density: number;
  layerDensities: number[];
  variant: 'dense' | 'mask-after-step' | 'prune-reparam';
  /** Mean ms per step of each repeat. */
  msPerStep: number[];
  /** Mean ms of a forward pass of one batch (no autograd). */
  forwardMs: number;
}

export interface PytorchChainNetwork {
  round: number;
  density: number;
  seconds: number;
  /** The training steps alone (batch gather, forward, backward, step, masking). */
  stepSeconds: number;
  /** From the chain's start to the end of this network (its pruning included). */
  elapsedSeconds: number;
  testError: number;
  finalTestError: number;
  trainError: number;
  earlyStopIteration: number;
}

export interface PytorchBlas {
  libraries: string[];
  openblas: { path: string; coreName: string; config: string; threads: number } | null;
  reference: boolean;
}

export interface PytorchResult {
  torch: string;
  threads: number;
  environment: Record<string, string | null>;
  dataSeconds: number;
  steps?: PytorchStepResult[];
  chain?: { seconds: number; networks: PytorchChainNetwork[] };
  blas: PytorchBlas;
  peakRssBytes: number;
  /** CPU seconds (user + system, all threads) of the Python process. */
  cpuSeconds: number;
  /** From spawning Python to its exit, as measured here (import torch and the data load included). */
  wallSeconds: number;
}

export interface PytorchRunOptions {
  openBlasDir: string;
  threads: number;
  /** OMP_WAIT_POLICY for the process; undefined = unset (libgomp's default: spin, then sleep). */
  waitPolicy?: 'PASSIVE' | 'ACTIVE';
}

/** One baseline process on `job`; throws on a failure of the script (its stderr in the message). */
export async function runPytorch(job: { steps?: PytorchStepsJob; chain?: PytorchChainJob }, options: PytorchRunOptions, dataFolder: string): Promise<PytorchResult> {
  const environment = withOpenBlas(process.env, options.openBlasDir);
  environment.OMP_NUM_THREADS = String(options.threads);
  environment.OPENBLAS_NUM_THREADS = String(options.threads);
  delete environment.OMP_WAIT_POLICY;
  if (options.waitPolicy) environment.OMP_WAIT_POLICY = options.waitPolicy;
  delete environment.OPENBLAS_CORETYPE;
  const coreType = openBlasCoreType();
  if (coreType) environment.OPENBLAS_CORETYPE = coreType;
  const input = JSON.stringify({ dataFolder, threads: options.threads, steps: job.steps ?? null, chain: job.chain ?? null });
  const { code, stdout, stderr, wallSeconds } = await runChild(PYTHON, [SCRIPT], { env: environment, input });
  if (code !== 0) throw new Error(`${PYTHON} ${SCRIPT} exited with code ${code}: ${stderr.trim().split('\n').slice(-3).join(' ') || '(no output)'}`);
  try {
    return { ...(JSON.parse(stdout) as Omit<PytorchResult, 'wallSeconds'>), wallSeconds };
  } catch (error) {
    throw new Error(`${SCRIPT} printed something other than its JSON result (${(error as Error).message}): ${stdout.slice(0, 200)}`);
  }
}

/** A one-line description of the BLAS a baseline process ran on. */
export function describeBlas(blas: PytorchBlas): string {
  if (blas.openblas) return `${blas.openblas.config} (core ${blas.openblas.coreName}, ${blas.openblas.threads} thread${blas.openblas.threads === 1 ? '' : 's'}) from ${blas.openblas.path}`;
  if (blas.reference) return `the reference BLAS (${blas.libraries.filter((path) => path.includes('libblas')).join(', ')}): NOT a fair baseline`;
  return blas.libraries.length > 0 ? `unknown BLAS: ${blas.libraries.join(', ')}` : 'no BLAS library mapped';
}
