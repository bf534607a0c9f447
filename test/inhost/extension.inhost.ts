// In-host tests: the extension as VS Code runs it, driven through the vscode API. They write
// their own experiment files into the first workspace folder (a throw-away copy in the e2e
// tier) and remove them, and their run folders, afterwards.
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../src/extension/commandIds';
import { DIAGNOSTIC_SOURCE } from '../../src/extension/diagnostics';
import { runLensTitle } from '../../src/extension/lensTitles';
import { EXPERIMENTS_VIEW_ID } from '../../src/extension/viewIds';
import type { FinishedRun } from '../../src/extension/runner/liveRun';
import type { LthLabApi, LthLabTestHooks } from '../../src/extension/testing/testHooks';
import { afterAll, test, waitFor } from './harness';

const EXTENSION_ID = 'lth-lab.lth-lab';
const TEST_FOLDER = 'lth-inhost-tests';

const TINY = {
  kind: 'teacher-student',
  name: 'inhost-tiny',
  seed: 3,
  teacher: { inputDim: 10, hiddenUnits: 2, nonzerosPerNeuron: [2, 3] },
  samples: [40],
  trials: 2,
  training: { init: 'near', maxIterations: 100 },
  evaluation: { testSamples: 200 },
};
const TINY_TRIALS = 4;
/** Two files of this name: runs told apart by file. */
const IDENTITY_NAME = 'inhost-identity';

// Long enough to cancel mid-way on 2 cores (tolerance 0: every trial runs all its iterations).
const LONG = {
  kind: 'teacher-student',
  name: 'inhost-long',
  seed: 5,
  teacher: { inputDim: 100, hiddenUnits: 5, nonzerosPerNeuron: [20, 30, 40] },
  samples: [2000],
  trials: 4,
  training: { init: 'near', maxIterations: 15000, tolerance: 0 },
  evaluation: { testSamples: 500 },
};
const LONG_TRIALS = 12;

// A pruning chain on MNIST small enough for a few seconds: round 0 and one round with a control.
const TICKETS = {
  kind: 'lottery-ticket',
  name: 'inhost-tickets',
  seed: 2,
  data: { trainSize: [400, 800], validationSize: 200 },
  model: { hiddenLayers: [16] },
  training: { iterations: 30, evaluateEvery: 10, batchSize: 40 },
  pruning: { rounds: 1, fraction: 0.5, controls: ['random-reinit'] },
  trials: 1,
};
const TICKET_RECORDS = 2 * 3;

function workspaceFolder(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder || folder.uri.scheme !== 'file') throw new Error('the in-host tests need a local workspace folder to write experiment files into');
  return folder.uri.fsPath;
}

function runsOf(experimentName: string): string {
  return join(workspaceFolder(), '.lth', 'runs', experimentName);
}

/** Complete lines in the trials.jsonl files of an experiment's run folders. */
function trialsOnDisk(experimentName: string): number {
  const root = runsOf(experimentName);
  if (!existsSync(root)) return 0;
  return readdirSync(root)
    .map((run) => join(root, run, 'trials.jsonl'))
    .filter((file) => existsSync(file))
    .reduce((sum, file) => sum + readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() !== '').length, 0);
}

async function writeExperiment(fileName: string, content: unknown): Promise<vscode.Uri> {
  const uri = vscode.Uri.file(join(workspaceFolder(), TEST_FOLDER, fileName));
  const text = typeof content === 'string' ? content : `${JSON.stringify(content, null, 2)}\n`;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function hooks(): Promise<LthLabTestHooks> {
  const extension = vscode.extensions.getExtension<LthLabApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed`);
  const api = extension.isActive ? extension.exports : await extension.activate();
  assert.ok(api.testHooks, 'the extension exposes no test hooks: is LTH_LAB_INHOST_TESTS set for this extension host?');
  return api.testHooks;
}

/** The lenses' titles, resolved as the editor resolves the visible ones (the results lens counts its trials then). */
async function lensTitles(uri: vscode.Uri): Promise<string[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
  return lenses.map((lens) => lens.command?.title ?? '');
}

afterAll(async () => {
  rmSync(join(workspaceFolder(), TEST_FOLDER), { recursive: true, force: true });
  for (const name of [TINY.name, LONG.name, TICKETS.name, 'bad', IDENTITY_NAME]) rmSync(runsOf(name), { recursive: true, force: true });
});

test('the extension activates quickly and registers every command', async () => {
  const testHooks = await hooks();
  const registered = new Set(await vscode.commands.getCommands(true));
  for (const id of Object.values(CommandId)) assert.ok(registered.has(id), `command ${id} is not registered`);
  console.log(`[lth in-host] activation took ${testHooks.activationMs.toFixed(1)} ms`);
});

test('a *.lth.json opens as JSON with comments and shows the run lens', async () => {
  const uri = await writeExperiment('tiny.lth.json', TINY);
  const document = await vscode.workspace.openTextDocument(uri);
  assert.equal(document.languageId, 'jsonc');
  const titles = await waitFor('the run lens', async () => {
    const found = await lensTitles(uri);
    return found.includes(runLensTitle(vscode.l10n.t)) ? found : undefined;
  });
  assert.ok(!titles.some((title) => title.startsWith('Show results')), `no runs yet, but lenses are ${JSON.stringify(titles)}`);
});

test('the schema (a union on kind) gives teacher-student fields hover text and completions', async () => {
  const text = '{\n  "kind": "teacher-student",\n  "teacher": { "inputDim": 10 }\n}\n';
  const uri = await writeExperiment('schema-help.lth.json', text);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const hoverText = await waitFor('hover text on inputDim', async () => {
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(2, 18))) ?? [];
    const markdown = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    return markdown.trim() === '' ? undefined : markdown;
  });
  assert.match(hoverText, /input/i, `hover: ${hoverText}`);
  const teacherLine = document.lineAt(2).text;
  const completions = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(2, teacherLine.indexOf('{') + 1));
  const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label).replace(/"/g, ''));
  for (const field of ['hiddenUnits', 'nonzerosPerNeuron', 'pruningRatio']) assert.ok(labels.includes(field), `completion ${field} in ${labels.join(', ')}`);
});

/** Every diagnostic of `uri` once the JSON editor had time to add its own (it validates on its own schedule). */
async function settledDiagnostics(uri: vscode.Uri, expectedFromLth: number): Promise<vscode.Diagnostic[]> {
  await waitFor(`${expectedFromLth} LTH Lab diagnostics`, () => (vscode.languages.getDiagnostics(uri).filter((item) => item.source === DIAGNOSTIC_SOURCE).length === expectedFromLth ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return vscode.languages.getDiagnostics(uri);
}

test('each mistake is reported once, by LTH Lab, as an error at the offending text, while typing', async () => {
  const text = '{\n  "kind": "teacher-student",\n  "training": { "maxIterations": "many", "stepsize": 2 }\n}\n';
  const uri = await writeExperiment('two-mistakes.lth.json', text);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const diagnostics = await settledDiagnostics(uri, 2);
  assert.equal(diagnostics.length, 2, `two mistakes, two diagnostics: ${JSON.stringify(diagnostics.map((item) => `${item.source}: ${item.message}`))}`);
  for (const diagnostic of diagnostics) {
    assert.equal(diagnostic.source, DIAGNOSTIC_SOURCE);
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(diagnostic.range.start.line, 2);
  }
  // Typed, not saved: the check follows the text.
  const line = editor.document.lineAt(2);
  await editor.edit((edit) => edit.replace(line.range, '  "training": { "maxIterations": 50, "stepSize": 2 }'));
  await waitFor('no diagnostics once both are corrected', () => (vscode.languages.getDiagnostics(uri).length === 0 ? true : undefined));
  await editor.document.save();
});

test('quick fixes: "did you mean" renames the property, an out-of-range value becomes the nearest allowed one', async () => {
  const text = '{\n  "kind": "teacher-student",\n  "teacher": { "inputDim": 10, "nonzerosPerNeuron": 20 },\n  "training": { "stepsize": 2 }\n}\n';
  const uri = await writeExperiment('fixable.lth.json', text);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document);
  const fixes = new Map([[3, 'Change to "stepSize"'], [2, 'Change 20 to 10 (= inputDim, a dense teacher)']]);
  for (const [line, title] of fixes) {
    const diagnostic = await waitFor(`the diagnostic on line ${line + 1}`, () => vscode.languages.getDiagnostics(uri).find((item) => item.range.start.line === line));
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    const action = actions.find((candidate) => candidate.title === title);
    assert.ok(action?.edit, `a quick fix "${title}" among ${JSON.stringify(actions.map((candidate) => candidate.title))}`);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
  }
  await waitFor('no diagnostics after both fixes', () => (vscode.languages.getDiagnostics(uri).length === 0 ? true : undefined));
  assert.match(document.getText(), /"nonzerosPerNeuron": 10 }/);
  assert.match(document.getText(), /"stepSize": 2/);
  await document.save();
});

test('a semantically wrong file is refused, with a notice that closes once the file is fixed', async () => {
  const text = '{\n  "kind": "teacher-student",\n  "teacher": { "inputDim": 10, "nonzerosPerNeuron": 20 }\n}\n';
  const uri = await writeExperiment('bad.lth.json', text);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  const diagnostic = await waitFor('an LTH Lab diagnostic', () =>
    vscode.languages.getDiagnostics(uri).find((item) => item.source === DIAGNOSTIC_SOURCE),
  );
  assert.match(diagnostic.message, /nonzerosPerNeuron/);
  assert.equal(diagnostic.range.start.line, 2, 'the problem is on the teacher line');
  const finished = await vscode.commands.executeCommand<FinishedRun | undefined>(CommandId.RunExperiment, uri);
  assert.equal(finished, undefined, 'an invalid file must not run');
  const testHooks = await hooks();
  assert.equal(testHooks.liveRuns(), 0);
  assert.deepEqual(testHooks.refusalsShown(), [uri.toString()], 'the refusal is shown');
  await editor.edit((edit) => edit.replace(editor.document.lineAt(2).range, '  "teacher": { "inputDim": 10, "nonzerosPerNeuron": 2 }, "samples": 20, "trials": 1, "training": { "maxIterations": 20 }, "evaluation": { "testSamples": 50 }'));
  await editor.document.save();
  const ran = await vscode.commands.executeCommand<FinishedRun | undefined>(CommandId.RunExperiment, uri);
  assert.equal(ran?.status, 'completed', ran?.message);
  assert.deepEqual(testHooks.refusalsShown(), [], 'the refusal closed once the file was fixed');
}, 90_000);

test('"New experiment from preset" writes the preset into the folder without its relative $schema and opens it', async () => {
  const folder = vscode.Uri.file(join(workspaceFolder(), TEST_FOLDER));
  const created = await vscode.commands.executeCommand<vscode.Uri | undefined>(CommandId.NewExperimentFromPreset, folder, 'agd-vs-gd');
  assert.ok(created, 'no file was created');
  assert.equal(created.fsPath, join(folder.fsPath, 'agd-vs-gd.lth.json'));
  assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), created.toString(), 'the new file is not the active editor');
  const text = vscode.window.activeTextEditor.document.getText();
  assert.doesNotMatch(text, /"\$schema"\s*:\s*"\.\.\//);
  assert.match(text, /"kind"\s*:\s*"teacher-student"/);
});

test('a tiny experiment runs to completion: trials on disk, a snapshot and the final status in the panel, a results lens', async () => {
  const testHooks = await hooks();
  const uri = await writeExperiment('tiny.lth.json', TINY);
  const finished = await vscode.commands.executeCommand<FinishedRun | undefined>(CommandId.RunExperiment, uri);
  assert.ok(finished, 'the run did not start');
  assert.equal(finished.status, 'completed', finished.message);
  assert.equal(trialsOnDisk(TINY.name), TINY_TRIALS);

  const panel = await testHooks.resultsPanel(uri);
  assert.ok(panel, 'running did not open the results panel');
  await waitFor('the results page to say ready (is dist/webview/panel.js built?)', () => panel.ready.then(() => true), 30_000);
  const snapshot = await waitFor('a delivered snapshot', () =>
    panel.postedMessages.find((posted) => posted.message.type === 'snapshot' && posted.delivered),
  );
  assert.equal(snapshot.message.type === 'snapshot' && snapshot.message.experiment, TINY.name);
  await waitFor('the completed run-status', () =>
    panel.postedMessages.find((posted) => posted.message.type === 'run-status' && posted.message.status === 'completed'),
  );
  const titles = await waitFor('the results lens', async () => {
    const found = await lensTitles(uri);
    return found.some((title) => title.startsWith('Show results (last: ')) ? found : undefined;
  });
  assert.ok(titles.some((title) => title.endsWith(`, ${TINY_TRIALS} trials)`)), JSON.stringify(titles));
  assert.ok(!titles.some((title) => title.startsWith('■ Cancel')), `the run has finished, so no Cancel lens: ${JSON.stringify(titles)}`);
  assert.ok(titles.includes(runLensTitle(vscode.l10n.t)));
}, 120_000);

test('lenses are cheap: a save reads no run from disk, and a trial written by another process is counted (file watcher)', async () => {
  const testHooks = await hooks();
  const uri = await writeExperiment('tiny.lth.json', TINY);
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  await waitFor('the results lens', async () => ((await lensTitles(uri)).some((title) => title.endsWith(`, ${TINY_TRIALS} trials)`)) ? true : undefined));
  const readsBefore = testHooks.runIndexReads();
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), ' '));
  await editor.document.save();
  const afterSave = await lensTitles(uri);
  assert.ok(afterSave.some((title) => title.endsWith(`, ${TINY_TRIALS} trials)`)), JSON.stringify(afterSave));
  assert.equal(testHooks.runIndexReads(), readsBefore, 'saving and re-providing the lenses read nothing from disk');

  // Another process (lth run in a terminal, say) appends a trial: the watcher updates the count.
  const runDir = join(runsOf(TINY.name), readdirSync(runsOf(TINY.name))[0]);
  const log = join(runDir, 'trials.jsonl');
  const original = readFileSync(log, 'utf8');
  try {
    appendFileSync(log, `${original.split('\n')[0]}\n`);
    let titles: string[] = [];
    await waitFor('the count of the appended trial', async () => ((titles = await lensTitles(uri)).some((title) => title.endsWith(`, ${TINY_TRIALS + 1} trials)`)) ? true : undefined)).catch(
      (error: Error) => {
        throw new Error(`${error.message}; the lenses said ${JSON.stringify(titles)}; run folders: ${JSON.stringify(readdirSync(runsOf(TINY.name)))}`);
      },
    );
  } finally {
    writeFileSync(log, original);
  }
  await waitFor('the count back after the restore', async () => ((await lensTitles(uri)).some((title) => title.endsWith(`, ${TINY_TRIALS} trials)`)) ? true : undefined));
});

test('runs know their file: a copy keeping the name is told apart; a label is kept beside the run; a trial is re-run for its weights', async () => {
  const testHooks = await hooks();
  const experiment = { ...TINY, name: IDENTITY_NAME };
  const original = await writeExperiment('identity.lth.json', experiment);
  const copy = await writeExperiment('identity-copy.lth.json', experiment);
  for (const uri of [original, copy]) {
    const finished = await vscode.commands.executeCommand<FinishedRun | undefined>(CommandId.RunExperiment, uri);
    assert.equal(finished?.status, 'completed', finished?.message);
  }
  const folders = readdirSync(runsOf(IDENTITY_NAME)).map((name) => join(runsOf(IDENTITY_NAME), name));
  const fileOf = (runDir: string) => JSON.parse(readFileSync(join(runDir, 'manifest.json'), 'utf8')).experimentFile as string;
  assert.deepEqual(folders.map(fileOf).sort(), [`${TEST_FOLDER}/identity-copy.lth.json`, `${TEST_FOLDER}/identity.lth.json`], 'each run records its own file');
  const ownRun = folders.find((runDir) => fileOf(runDir) === `${TEST_FOLDER}/identity.lth.json`) as string;
  const ownRunId = `${IDENTITY_NAME}/${basename(ownRun)}`;

  await vscode.commands.executeCommand(CommandId.ShowResults, original);
  const panel = await waitFor('the original\'s panel', () => testHooks.resultsPanel(original));
  // A delivered snapshot is what matters here (the page was hidden by the copy's panel, then shown and loaded again).
  const snapshot = await waitFor('a snapshot naming the file', () => {
    const found = [...panel.postedMessages].reverse().find((posted) => posted.message.type === 'snapshot' && posted.delivered)?.message;
    return found?.type === 'snapshot' && found.runs.length === 2 ? found : undefined;
  });
  assert.equal(snapshot.experimentFile, `${TEST_FOLDER}/identity.lth.json`);
  assert.deepEqual(snapshot.selectedRunIds, [ownRunId], "the original's panel shows the original's run, not the copy's newer one");

  await panel.handleRequest({ type: 'label-run', runId: ownRunId, label: 'baseline' });
  assert.equal(readFileSync(join(ownRun, 'label.txt'), 'utf8'), 'baseline\n');
  const relabelled = [...panel.postedMessages].reverse().find((posted) => posted.message.type === 'snapshot')?.message;
  assert.equal(relabelled?.type === 'snapshot' && relabelled.runs.find((run) => run.runId === ownRunId)?.label, 'baseline');

  const record = JSON.parse(readFileSync(join(ownRun, 'trials.jsonl'), 'utf8').split('\n')[0]) as { cell: string; trial: number; relativeError: number };
  await panel.handleRequest({ type: 'inspect-trial', requestId: 'inhost-1', runId: ownRunId, cell: record.cell, trial: record.trial });
  const answer = [...panel.postedMessages].reverse().find((posted) => posted.message.type === 'trial-weights' || posted.message.type === 'trial-weights-failed')?.message;
  assert.equal(answer?.type, 'trial-weights', JSON.stringify(answer));
  assert.equal(answer?.type === 'trial-weights' && answer.weights.relativeError, record.relativeError, 'the re-run in the inspector child reproduces the record');
}, 120_000);

test('a lottery-ticket file runs the same way: a record per network on disk, a snapshot with them in the panel', async () => {
  const testHooks = await hooks();
  const uri = await writeExperiment('tickets.lth.json', TICKETS);
  const finished = await vscode.commands.executeCommand<FinishedRun | undefined>(CommandId.RunExperiment, uri);
  assert.ok(finished, 'the run did not start');
  assert.equal(finished.status, 'completed', finished.message);
  assert.equal(trialsOnDisk(TICKETS.name), TICKET_RECORDS);
  const panel = await testHooks.resultsPanel(uri);
  assert.ok(panel, 'running did not open the results panel');
  await waitFor('the panel to be ready', () => panel.ready.then(() => true), 30_000);
  await waitFor('the completed run-status', () =>
    panel.postedMessages.find((posted) => posted.message.type === 'run-status' && posted.message.status === 'completed'),
  );
  const delivered = panel.postedMessages.filter((posted) => posted.delivered).map((posted) => posted.message);
  // The page may be ready before the run has its folder (a warm trainer starts at once, or not): the snapshot sent at run-started has it.
  const snapshot = delivered.find((message) => message.type === 'snapshot' && message.runs.length > 0);
  assert.ok(snapshot?.type === 'snapshot' && snapshot.runs[0].manifest.kind === 'lottery-ticket', 'a snapshot of the lottery-ticket run');
  const records = delivered.flatMap((message) => (message.type === 'snapshot' ? message.runs.flatMap((run) => run.records) : message.type === 'append' ? message.records : []));
  assert.equal(new Set(records.map((record) => `${record.trial}#${record.part}#${record.cell}`)).size, TICKET_RECORDS, 'every network reached the panel');
}, 120_000);

test('"Show results" opens the panel of a file and sends it the runs on disk', async () => {
  const testHooks = await hooks();
  const uri = await writeExperiment('tiny.lth.json', TINY);
  // Closed first, so that the panel is a new one whose snapshot comes from disk.
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('the old panel to be gone', async () => ((await testHooks.resultsPanel(uri)) ? undefined : true));
  await vscode.commands.executeCommand(CommandId.ShowResults, uri);
  const panel = await testHooks.resultsPanel(uri);
  assert.ok(panel, 'no results panel for the file');
  const snapshot = await waitFor('a delivered snapshot with the tiny run', () =>
    panel.postedMessages.find((posted) => posted.message.type === 'snapshot' && posted.delivered && posted.message.runs.length > 0),
  );
  assert.ok(snapshot.message.type === 'snapshot' && snapshot.message.runs[0].records.length === TINY_TRIALS);
});

test('cancelling a longer run stops it, keeps the finished trials on disk and frees the file', async () => {
  const testHooks = await hooks();
  const uri = await writeExperiment('long.lth.json', LONG);
  const running = vscode.commands.executeCommand<FinishedRun | undefined>(CommandId.RunExperiment, uri);
  await waitFor('the first trial of the long run on disk', () => (trialsOnDisk(LONG.name) >= 1 ? true : undefined), 90_000);
  const cancelLens = await waitFor('the cancel lens', async () => (await lensTitles(uri)).find((title) => title.startsWith('■ Cancel (')));
  assert.match(cancelLens, new RegExp(`/${LONG_TRIALS}\\)$`));
  await vscode.commands.executeCommand(CommandId.CancelExperiment, uri);
  const finished = await running;
  assert.ok(finished);
  assert.equal(finished.status, 'cancelled', finished.message);
  const afterCancel = await lensTitles(uri);
  assert.ok(!afterCancel.some((title) => title.startsWith('■ Cancel')), `the Cancel lens vanished with the run: ${JSON.stringify(afterCancel)}`);
  const panel = await testHooks.resultsPanel(uri);
  assert.ok(panel, 'running did not open the results panel');
  await waitFor('the cancelled run-status in the panel', () =>
    panel.postedMessages.find((posted) => posted.message.type === 'run-status' && posted.message.status === 'cancelled' && posted.delivered),
  );
  const kept = trialsOnDisk(LONG.name);
  assert.ok(kept >= 1 && kept < LONG_TRIALS, `expected some but not all trials on disk, found ${kept}`);
  assert.equal(testHooks.liveRuns(), 0);
}, 150_000);

test('running the cancelled experiment again resumes its folder and computes only the missing trials', async () => {
  const uri = await writeExperiment('long.lth.json', LONG);
  const keptBefore = trialsOnDisk(LONG.name);
  assert.ok(keptBefore >= 1 && keptBefore < LONG_TRIALS, 'the previous test leaves a cancelled run');
  const finished = await vscode.commands.executeCommand<FinishedRun | undefined>(CommandId.RunExperiment, uri);
  assert.ok(finished);
  assert.equal(finished.status, 'completed', finished.message);
  assert.equal(readdirSync(runsOf(LONG.name)).length, 1, 'the run went into the cancelled folder, not a new one');
  assert.equal(trialsOnDisk(LONG.name), LONG_TRIALS, 'each trial is on disk exactly once');
}, 180_000);

test('getting started: the experiments view lists the workspace\'s files, and the walkthrough opens', async () => {
  const testHooks = await hooks();
  const uri = await writeExperiment('tiny.lth.json', TINY);
  const listed = await waitFor('the experiment file in the LTH Experiments view', async () => {
    const files = await testHooks.experimentsViewFiles();
    return files.includes(uri.toString()) ? files : undefined;
  });
  assert.ok(!listed.some((file) => file.includes('/.lth/')), 'run folders are not listed');
  const registered = new Set(await vscode.commands.getCommands(true));
  assert.ok(registered.has(`${EXPERIMENTS_VIEW_ID}.focus`), 'the view is contributed');
  await vscode.commands.executeCommand(`${EXPERIMENTS_VIEW_ID}.focus`);
  // Last of the suite on purpose: the e2e tier's final screenshot shows the walkthrough.
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${EXTENSION_ID}#lthLab.gettingStarted`, false);
  const label = await waitFor('the walkthrough tab', () => {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    return tab && tab.input === undefined ? tab.label : undefined;
  });
  assert.match(label, /Welcome|Get started|Walkthrough/i);
});
