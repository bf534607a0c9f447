// What the CodeLenses say about an experiment's runs, kept up to date incrementally: the newest run
// per experiment (from the manifests only) and the trial count of a run (the lines of its log),
// each read once and read again when a file watcher on the runs folder sees that manifest or that
// log change (a log also when its size differs). A save, a lens refresh or a live trial reads no
// run from disk; resolving a lens stats one log.
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { RunHeader } from '../core/runs/runListing';
import { experimentRunsFolder, MANIFEST_FILE, TRIALS_FILE } from '../core/runs/runFolder';
import { isRunOfFile } from '../core/runs/runSource';
import type { Log } from './log';

export class RunIndex implements vscode.Disposable {
  /** Per experiment folder (<runs root>/<experiment>), its runs, newest first. */
  private readonly runs = new Map<string, RunHeader[]>();
  /** Per run folder, the complete lines of its trials.jsonl. */
  /** Per run folder, its trial count and the size of trials.jsonl it was counted at. */
  private readonly trialCounts = new Map<string, { count: number; bytes: number }>();
  private readonly watchers = new Map<string, vscode.FileSystemWatcher>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fired when a watched manifest or trial log changed: what the lenses say may have too. */
  readonly onDidChange = this.changed.event;
  /** Disk reads so far (for the in-host tests: a save must not cause any). */
  reads = 0;

  constructor(private readonly log: Log) {}

  /**
   * The newest run of `experiment` under `runsRoot` made from `experimentFile` (workspace-relative;
   * a copy of a file keeps its name, so its runs share the folder), or undefined when it has none.
   */
  async newestRun(runsRoot: string, experiment: string, experimentFile?: string): Promise<RunHeader | undefined> {
    // No runs folder yet: nothing to cache or watch (a watcher on a missing folder may never fire).
    if (!existsSync(runsRoot)) return undefined;
    this.watch(runsRoot);
    const folder = experimentRunsFolder(runsRoot, experiment);
    let runs = this.runs.get(folder);
    if (runs === undefined) {
      const { runsNewestFirst } = await import('../core/runs/runListing');
      this.reads++;
      this.runs.set(folder, (runs = runsNewestFirst(folder, (problem) => this.log.warn(problem))));
    }
    return runs.find((run) => isRunOfFile(run.manifest, experimentFile));
  }

  /**
   * Complete trial lines of the run in `runDir`. Counted again only when trials.jsonl changed
   * size: a file-system event can come late or not at all, and a size costs one stat.
   */
  async completedTrials(runDir: string): Promise<number> {
    const bytes = fileSize(join(runDir, TRIALS_FILE));
    const known = this.trialCounts.get(runDir);
    if (known !== undefined && known.bytes === bytes) return known.count;
    const { completedTrialLines } = await import('../core/runs/runListing');
    this.reads++;
    const count = completedTrialLines(runDir);
    this.trialCounts.set(runDir, { count, bytes });
    return count;
  }

  /** Forgets what is known of one experiment's runs (a run of it started or ended here). */
  forgetExperiment(runsRoot: string, experiment: string): void {
    const folder = experimentRunsFolder(runsRoot, experiment);
    for (const run of this.runs.get(folder) ?? []) this.trialCounts.delete(run.runDir);
    this.runs.delete(folder);
  }

  /** Forgets everything (the runs folder setting changed). */
  clear(): void {
    this.runs.clear();
    this.trialCounts.clear();
  }

  private watch(runsRoot: string): void {
    if (this.watchers.has(runsRoot)) return;
    // <runs root>/<experiment>/<run>/{manifest.json,trials.jsonl}: the only files the lenses read.
    const pattern = new vscode.RelativePattern(vscode.Uri.file(runsRoot), `*/*/{${MANIFEST_FILE},${TRIALS_FILE}}`);
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    const onFile = (uri: vscode.Uri) => this.onFileChanged(uri.fsPath);
    watcher.onDidCreate(onFile);
    watcher.onDidChange(onFile);
    watcher.onDidDelete(onFile);
    this.watchers.set(runsRoot, watcher);
  }

  private onFileChanged(file: string): void {
    const runDir = dirname(file);
    this.trialCounts.delete(runDir);
    // A manifest appears, changes or goes: which run is newest may have changed.
    if (basename(file) === MANIFEST_FILE) this.runs.delete(dirname(runDir));
    this.changed.fire();
  }

  dispose(): void {
    for (const watcher of this.watchers.values()) watcher.dispose();
    this.changed.dispose();
  }
}

/** The size of `file` in bytes; 0 when it does not exist (yet). */
function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
