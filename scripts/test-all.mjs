// `npm test`: builds once, type-checks, then runs every test tier in order and stops at the
// first tier that fails (a later tier would only repeat the failure less clearly).
import { spawnSync } from 'node:child_process';

const steps = [
  ['build', 'npm', ['run', 'build']],
  ['typecheck', 'npm', ['run', 'typecheck']],
  ['unit', 'npm', ['run', 'test:unit']],
  // Failure paths against real processes and file systems: kill -9, locks, read-only folders,
  // full disks (a tmpfs where this runs as root).
  ['reliability', process.execPath, ['scripts/run-node-tests.mjs', 'test/reliability']],
  // Sweeps as Slurm job arrays on a real Slurm (slurmctld + slurmd + munge on localhost, started
  // by the test); skipped, saying why, where it cannot start (not root, packages missing).
  ['cluster', process.execPath, ['scripts/run-node-tests.mjs', 'test/cluster']],
  ['webview', 'npm', ['run', 'test:webview']],
  ['e2e', 'npm', ['run', 'test:e2e']],
];

for (const [name, command, args] of steps) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`\n${name} failed (exit ${result.status}) after ${seconds} s`);
    process.exit(result.status ?? 1);
  }
  console.log(`=== ${name}: ok in ${seconds} s ===`);
}
