// What a run left on disk, read the way a user would look at it: the run folders of one
// experiment under the workspace (.lth/runs/<experiment>/<timestamp>/), their manifests and
// the trial records. Parsed by hand on purpose: the test must not trust the reader under test.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RunOnDisk {
  dir: string;
  status: string;
  totalTrials: number;
  /** When the folder was re-run into (resumed), in order. */
  resumedAt: string[];
  /** Parsed trial records (a torn last line is skipped, as the run-folder rules allow). */
  records: Array<Record<string, unknown>>;
}

export function runsOnDisk(workspaceDir: string, experiment: string): RunOnDisk[] {
  const parent = join(workspaceDir, '.lth', 'runs', experiment);
  if (!existsSync(parent)) return [];
  return readdirSync(parent)
    .sort()
    .map((name) => join(parent, name))
    .filter((dir) => existsSync(join(dir, 'manifest.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { status?: string; totalTrials?: number; resumedAt?: string[] };
      return {
        dir,
        status: String(manifest.status),
        totalTrials: Number(manifest.totalTrials),
        resumedAt: manifest.resumedAt ?? [],
        records: trialRecords(join(dir, 'trials.jsonl')),
      };
    });
}

function trialRecords(file: string): Array<Record<string, unknown>> {
  if (!existsSync(file)) return [];
  const records: Array<Record<string, unknown>> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    try {
      records.push(JSON.parse(line) as Record<string, unknown>);
    } catch {
      // a torn line from an interrupted write
    }
  }
  return records;
}

/** "cell#trial" keys, to compare which trials two observations hold. */
export function trialKeys(records: Array<Record<string, unknown>>): string[] {
  return records.map((record) => `${String(record.cell)}#${String(record.trial)}`);
}

export function describeRuns(runs: RunOnDisk[]): string {
  if (runs.length === 0) return 'no run folder';
  return runs.map((run) => `${run.dir}: status ${run.status}, ${run.records.length}/${run.totalTrials} trials`).join('; ');
}
