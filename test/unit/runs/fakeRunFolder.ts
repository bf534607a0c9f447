// Run folders for tests that read them: a complete manifest, and records written as lines.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEACHER_STUDENT_AXES } from '../../../src/core/families/teacher-student/axes';
import { cellKey } from '../../../src/core/sweep/sweepCells';
import { trialSeed } from '../../../src/core/sweep/trialSeed';
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

/**
 * A run folder holding `records` as a run of `manifest` would have written them: the manifest's
 * sweep is widened to hold them (their axis values join its grid, their trials its count), and
 * each record gets the cell key and seed of its cell and trial in that sweep — readers skip
 * records that are not trials of the folder's sweep.
 */
export function makeRunFolder(dir: string, manifest: RunManifest, records: readonly TrialRecord[]): string {
  const axes = TEACHER_STUDENT_AXES.map((axis) => axis.name);
  const resolved = { ...manifest.resolved, axes: { ...manifest.resolved.axes } };
  for (const record of records) {
    for (const axis of axes) if (!resolved.axes[axis].includes(record[axis] as number)) resolved.axes[axis] = [...resolved.axes[axis], record[axis] as number];
    resolved.trials = Math.max(resolved.trials, record.trial + 1);
  }
  const written = records.map((record) => {
    const cell = cellKey(axes, Object.fromEntries(axes.map((axis) => [axis, record[axis] as number])));
    return { ...record, cell, seed: trialSeed(resolved.seed, cell, record.trial) };
  });
  mkdirSync(dir, { recursive: true });
  writeManifest(dir, { ...manifest, resolved });
  writeFileSync(join(dir, 'trials.jsonl'), written.map((record) => `${JSON.stringify(record)}\n`).join(''));
  return dir;
}
