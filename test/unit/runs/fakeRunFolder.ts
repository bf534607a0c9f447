// Run folders for tests that read them: a complete manifest, and records written as lines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveTeacherStudent } from '../../../src/core/families/teacher-student/resolve';
import type { ExperimentFile } from '../../../src/core/families/teacher-student/schema';
import { writeManifest } from '../../../src/core/runs/manifestFile';
import type { RunManifest } from '../../../src/shared/runManifest';
import type { TrialRecord } from '../../../src/shared/trialRecord';

/** A manifest of a teacher-student run of `config` (default: every default), resolved as a run resolves it. */
export function fakeManifest(overrides: Partial<RunManifest> = {}, config: ExperimentFile = { kind: 'teacher-student' }): RunManifest {
  const experiment = overrides.experiment ?? 'tiny';
  return {
    experiment,
    kind: 'teacher-student',
    config,
    resolved: resolveTeacherStudent(config, experiment),
    configHash: 'a'.repeat(64),
    toolVersion: '0.0.0-test',
    seed: 1,
    machine: { platform: 'linux', arch: 'x64', cpus: 2, cpuModel: 'test', node: 'v20' },
    totalTrials: 4,
    startedAt: '2025-01-01T00:00:00.000Z',
    status: 'running',
    ...overrides,
  };
}

export function makeRunFolder(dir: string, manifest: RunManifest, records: readonly TrialRecord[]): string {
  mkdirSync(dir, { recursive: true });
  writeManifest(dir, manifest);
  writeFileSync(join(dir, 'trials.jsonl'), records.map((record) => `${JSON.stringify(record)}\n`).join(''));
  return dir;
}
