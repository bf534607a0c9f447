// What machine a run ran on, for its manifest (timings are only comparable on like machines).
import { arch, availableParallelism, cpus, platform } from 'node:os';
import type { RunManifest } from '../../shared/runManifest';

export function describeMachine(): RunManifest['machine'] {
  return {
    platform: platform(),
    arch: arch(),
    cpus: availableParallelism(),
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
  };
}
