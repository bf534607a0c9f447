// "Run on Slurm…": asks for the shard count and the partition, writes the job array and the merge
// job (as `lth slurm` does), shows the array script, submits both with sbatch once the user says
// so, and then watches the shard folders: the panel shows the run as its shards land.
import { spawnSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import * as vscode from 'vscode';
import { readClusterRun, shardRoot, type ClusterRun } from '../../core/cluster/clusterRun';
import { allShardsEnded, readShardProgress } from '../../core/cluster/shardProgress';
import { recordSubmission, writeSlurmRun } from '../../core/cluster/slurmRun';
import { ARRAY_SCRIPT, slurmPartitionProblem, SUBMIT_SCRIPT } from '../../core/cluster/slurmScripts';
import { submitSlurmJobs, SubmitError } from '../../core/cluster/slurmSubmit';
import { experimentRunsFolder } from '../../core/runs/runFolder';
import { experimentHash } from '../../core/sweep/experimentHash';
import { showErrorWithLog } from '../errorBoundary';
import { experimentKey, resolveExperimentFile, settingsFor } from '../experimentFiles';
import { ClusterWatch } from '../cluster/clusterWatch';
import { findNodeExecutable } from '../cluster/nodeExecutable';
import { LiveRun } from '../runner/liveRun';
import { showRunProgress } from '../runner/runProgress';
import type { ExtensionServices } from '../services';
import { refuseInvalid } from './runExperiment';

/** The most shards asked for here (Slurm's default MaxArraySize is 1001). */
const MAX_SHARDS = 10000;
/** How often the shard folders are read while the cluster runs. */
const WATCH_INTERVAL_MS = 2000;

export async function runOnSlurm(services: ExtensionServices, argument: unknown): Promise<void> {
  const { log, registry, diagnostics, context } = services;
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('LTH Lab submits cluster jobs only in trusted workspaces: a submission runs programs and writes files.'));
    return;
  }
  const file = await resolveExperimentFile(argument, 'run on Slurm');
  if (!file) return;
  if (file.scheme !== 'file') throw new Error(`cannot run ${file.toString()} on Slurm: the jobs read the experiment file from disk, and this one is not on disk`);
  if (registry.get(experimentKey(file))) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} is already running; cancel it or wait for it before submitting it to Slurm.', basename(file.fsPath)));
    return;
  }
  const document = await vscode.workspace.openTextDocument(file);
  if (document.isDirty && !(await document.save())) throw new Error(`${basename(file.fsPath)} has unsaved changes that could not be saved`);
  const checked = await diagnostics.check(document);
  if (!checked.ok) {
    refuseInvalid(services, file, checked.problems);
    return;
  }

  const experiment = checked.experiment;
  const configHash = experimentHash(experiment);
  const { runsRoot } = settingsFor(file);
  // One folder per config: submitting the same config again resumes its shards.
  const clusterDir = join(dirname(runsRoot), 'cluster', `${experiment.name}-${configHash.slice(0, 12)}`);
  const earlier = readClusterRun(clusterDir);
  if (earlier?.jobIds && !allShardsEnded(readShardProgress(clusterDir, earlier))) {
    // Submitted before (from another window, or before a reload) and still running: watch it rather than submit twice.
    const watch = vscode.l10n.t('Watch it');
    const again = vscode.l10n.t('Submit again');
    const picked = await vscode.window.showInformationMessage(
      vscode.l10n.t('{0} was submitted to Slurm (array job {1}) and has not finished.', experiment.name, earlier.jobIds.array),
      watch,
      again,
    );
    if (picked === watch) await watchClusterRun(services, file, clusterDir, earlier);
    if (picked !== again) return;
  }

  const shardsText = await vscode.window.showInputBox({
    title: vscode.l10n.t('Run on Slurm (1/2)'),
    prompt: vscode.l10n.t('Shards: the sweep is split into this many array tasks'),
    value: '4',
    validateInput: (text) => (/^\d+$/.test(text.trim()) && Number(text) >= 1 && Number(text) <= MAX_SHARDS ? undefined : vscode.l10n.t('Expected a whole number from 1 to {0}', MAX_SHARDS)),
  });
  if (shardsText === undefined) return;
  const partitionText = await vscode.window.showInputBox({
    title: vscode.l10n.t('Run on Slurm (2/2)'),
    prompt: vscode.l10n.t("Partition (leave empty for the cluster's default)"),
    validateInput: (text) => (text.trim() === '' ? undefined : slurmPartitionProblem(text.trim())),
  });
  if (partitionText === undefined) return;

  const shards = Number(shardsText);
  const run = writeSlurmRun({
    clusterDir,
    configPath: file.fsPath,
    // The jobs run in the file's workspace folder, so their runs name the file as the editor does.
    workingDir: vscode.workspace.getWorkspaceFolder(file)?.uri.fsPath ?? dirname(file.fsPath),
    experiment: experiment.name,
    configHash,
    shards,
    lthCommand: [findNodeExecutable(), context.asAbsolutePath(join('dist', 'cli.js'))],
    cpusPerTask: 1,
    mergeAfter: 'afterany',
    // In the runs folder, where the panel finds it among the experiment's runs.
    mergedDir: join(experimentRunsFolder(runsRoot, experiment.name), `slurm-${configHash.slice(0, 12)}`),
    ...(partitionText.trim() === '' ? {} : { partition: partitionText.trim() }),
  });
  await vscode.window.showTextDocument(vscode.Uri.file(join(clusterDir, ARRAY_SCRIPT)), { preview: false });

  const submit = vscode.l10n.t('Submit');
  const picked = await vscode.window.showInformationMessage(
    vscode.l10n.t('Submit {0} to Slurm as {1} shards?', experiment.name, shards),
    { modal: true, detail: vscode.l10n.t('The job array (shown in the editor) and a merge job that waits for it are submitted with sbatch. Shard folders: {0}', join(clusterDir, 'shards')) },
    submit,
  );
  if (picked !== submit) {
    log.info(`Slurm scripts of ${experiment.name} written to ${clusterDir}, not submitted (submit with: bash ${join(clusterDir, SUBMIT_SCRIPT)})`);
    return;
  }
  let jobIds;
  try {
    jobIds = submitSlurmJobs(clusterDir, 'afterany');
  } catch (error) {
    if (!(error instanceof SubmitError)) throw error;
    log.error(`Run on Slurm: ${error.message}`);
    void showErrorWithLog(log, vscode.l10n.t('Could not submit {0} to Slurm: {1}', experiment.name, error.message));
    return;
  }
  const submitted = recordSubmission(clusterDir, run, jobIds);
  log.info(`${experiment.name}: submitted array job ${jobIds.array} (${shards} shards, folders ${shardRoot(clusterDir, 1)} …) and merge job ${jobIds.merge}`);
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Submitted {0} to Slurm: array job {1} ({2} shards) and merge job {3}.', experiment.name, jobIds.array, shards, jobIds.merge),
  );
  await watchClusterRun(services, file, clusterDir, submitted);
}

/** Shows the submitted run live (panel, progress, status bar) until its shards have ended; Cancel cancels its jobs. */
async function watchClusterRun({ log, registry, panels }: ExtensionServices, file: vscode.Uri, clusterDir: string, run: ClusterRun): Promise<void> {
  const jobIds = run.jobIds;
  const cancelJobs = jobIds
    ? () => {
        const result = spawnSync('scancel', [jobIds.array, jobIds.merge], { encoding: 'utf8', timeout: 30_000 });
        if (result.error || result.status !== 0) log.warn(`scancel ${jobIds.array} ${jobIds.merge} failed: ${result.error?.message ?? result.stderr}`);
      }
    : undefined;
  const { runsRoot } = settingsFor(file);
  const live = new LiveRun(experimentKey(file), run.experiment, runsRoot, (onEvent) => new ClusterWatch({ clusterDir, run, onEvent, intervalMs: WATCH_INTERVAL_MS, ...(cancelJobs ? { cancelJobs } : {}) }));
  registry.add(live);
  panels.show({ experimentName: run.experiment, runsRoot, experimentFile: file.toString() }, true);
  showRunProgress(live);
  const finished = await live.finished;
  log.info(`${run.experiment} on Slurm: ${finished.status}: ${finished.message}`);
}
