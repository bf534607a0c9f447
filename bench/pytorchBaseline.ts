// Runs the PyTorch baseline of the lottery-ticket benchmark (bench/pytorch_lenet.py) under
// Debian's python3-torch. Debian's torch calls whatever libblas.so.3 the BLAS alternatives point
// to, by default the reference BLAS (~45 ms per LeNet-300-100 step): no one would train on that,
// so the baseline process, and only it, gets OpenBLAS (libopenblas0-openmp) on its
// LD_LIBRARY_PATH — the package installed system-wide if it is, else extracted into bench/.cache/
// with `apt-get download` + `dpkg -x` (nothing is installed). The script reports which BLAS it
// actually ran on; the benchmark refuses to call the baseline fair if that was the reference BLAS.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { runChild } from './childProcess';
import { openBlasCoreType, PYTHON } from './numpyBaseline';

const run = promisify(execFile);
const SCRIPT = join(__dirname, 'pytorch_lenet.py');
export const CACHE_DIR = join(__dirname, '.cache');
const OPENBLAS_PACKAGE = 'libopenblas0-openmp';
/** Where the package puts its libblas.so.3 when installed (amd64; other architectures are searched below). */
const SYSTEM_OPENBLAS_DIRS = ['/usr/lib/x86_64-linux-gnu/openblas-openmp', '/usr/lib/aarch64-linux-gnu/openblas-openmp'];
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
  const installed = SYSTEM_OPENBLAS_DIRS.find((dir) => existsSync(join(dir, 'libblas.so.3')));
  if (installed) return { ok: true, torch, openBlasDir: installed, openBlasSource: `the installed package ${OPENBLAS_PACKAGE}` };
  const extracted = join(CACHE_DIR, OPENBLAS_PACKAGE);
  let found = findOpenBlasDir(extracted);
  if (!found) {
    log(`(e) fetching ${OPENBLAS_PACKAGE} for the PyTorch baseline into ${CACHE_DIR} (apt-get download + dpkg -x; nothing is installed)`);
    try {
      mkdirSync(CACHE_DIR, { recursive: true });
      const cachedDeb = () => readdirSync(CACHE_DIR).find((file) => file.startsWith(`${OPENBLAS_PACKAGE}_`) && file.endsWith('.deb') && statSync(join(CACHE_DIR, file)).size > 0);
      if (!cachedDeb()) await run('apt-get', ['download', OPENBLAS_PACKAGE], { cwd: CACHE_DIR, timeout: 300_000 });
      const deb = cachedDeb();
      if (!deb) throw new Error(`apt-get download left no ${OPENBLAS_PACKAGE}_*.deb`);
      await run('dpkg', ['-x', join(CACHE_DIR, deb), extracted], { timeout: 120_000 });
      found = findOpenBlasDir(extracted);
      if (!found) throw new Error(`${deb} holds no openblas-openmp/libblas.so.3`);
    } catch (error) {
      const detail = String((error as { stderr?: string }).stderr || (error as Error).message).trim().split('\n').pop();
      return {
        ok: false,
        reason:
          `could not get OpenBLAS for the baseline (${detail}); without it Debian's torch runs on the reference BLAS (~45 ms per step), not a fair baseline. ` +
          `Fix: \`apt-get update && mkdir -p bench/.cache && cd bench/.cache && apt-get download ${OPENBLAS_PACKAGE} && dpkg -x ${OPENBLAS_PACKAGE}_*.deb ${OPENBLAS_PACKAGE}\` ` +
          `(or \`apt-get install ${OPENBLAS_PACKAGE}\`)`,
      };
    }
  }
  return { ok: true, torch, openBlasDir: found, openBlasSource: `${OPENBLAS_PACKAGE} extracted into ${extracted}` };
}

/** The folder holding openblas-openmp's libblas.so.3 under an extracted package, if any. */
function findOpenBlasDir(root: string): string | undefined {
  const libRoot = join(root, 'usr', 'lib');
  if (!existsSync(libRoot)) return undefined;
  for (const triplet of readdirSync(libRoot)) {
    const dir = join(libRoot, triplet, 'openblas-openmp');
    if (existsSync(join(dir, 'libblas.so.3'))) return dir;
  }
  return undefined;
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
  const environment: NodeJS.ProcessEnv = { ...process.env };
  environment.LD_LIBRARY_PATH = [options.openBlasDir, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
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
