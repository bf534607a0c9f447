// `lth report RUN_DIR... [--out FILE.html]`: one self-contained HTML file with the panel's
// charts, for machines without VS Code and for papers' appendices. It is the panel's own
// bundle (dist/webview/panel.js and panel.css, inlined) fed the runs as embedded JSON, so
// the report and the panel cannot drift apart; it works offline in any browser.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { mergeRunFolders, readRunFolder, rejectedLineWarnings, type RunFolderContents } from '../../core/runs/runReader';
import { checkHostToPanelMessage } from '../../shared/protocolGuards';
import { errorMessage } from '../../shared/errorMessage';
import { escapeHtml } from '../../shared/escapeHtml';
import type { HostToPanelMessage, RunSnapshot } from '../../shared/protocol';
import { REPORT_DATA_ELEMENT_ID } from '../../shared/reportData';
import { parseCommandLine, UsageError } from '../arguments';
import { runFolderArguments } from '../runFolderArguments';
import { EXIT, processIo, type CliIo } from '../cliIo';
import { runIdOf } from '../../core/runs/runId';
import { writeFileAtomic } from '../../core/runs/atomicWrite';

export const REPORT_USAGE = `Usage: lth report RUN_DIR... [--out FILE.html] [--merge]

RUN_DIR is a run folder (.lth/runs/<experiment>/<timestamp>) or an experiment's folder of runs
(.lth/runs/<experiment>), which stands for its newest run.

Writes one self-contained HTML file with the charts of the results panel (generalization
error vs N and vs pruning ratio, success heatmap with the phase boundary, error curves,
convergence rate), readable offline in any browser. Several RUN_DIRs are shown as runs to
compare (overlaid or side by side); with --merge they are the shards of one sweep, merged
into one run by (cell, trial).

  --out FILE   where to write (default: RUN_DIR/report.html of the first RUN_DIR)
  --merge      merge the folders into one run instead of comparing them
`;

export async function reportCommand(argv: string[], io: CliIo = processIo): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, {
    out: { type: 'string' },
    merge: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(REPORT_USAGE);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('expected at least one RUN_DIR');
  if (values.out !== undefined && !values.out.endsWith('.html')) throw new UsageError(`--out ${JSON.stringify(values.out)}: expected a file name ending in .html`);

  let runDirs: string[];
  let snapshot: HostToPanelMessage;
  let bundle: { script: string; style: string };
  try {
    runDirs = runFolderArguments(positionals, 'lth report', io);
    snapshot = reportSnapshot(runDirs, values.merge ?? false, (warning) => io.stderr.write(`lth report: warning: ${warning}\n`));
    bundle = readPanelBundle();
  } catch (error) {
    io.stderr.write(`lth report: ${errorMessage(error)}\n`);
    return EXIT.failed;
  }
  // The page drops data its guard rejects and would show nothing: check what is embedded, as the page will.
  const embedded = checkHostToPanelMessage(JSON.parse(JSON.stringify(snapshot)));
  if (!embedded.ok) {
    io.stderr.write(`lth report: cannot show these runs: ${embedded.problem}; no report was written\n`);
    return EXIT.failed;
  }
  const outFile = resolve(values.out ?? join(runDirs[0], 'report.html'));
  try {
    // Atomic: a write that fails (a read-only run folder, a full disk) leaves any earlier report whole.
    writeFileAtomic(outFile, reportHtml(snapshot, bundle));
  } catch (error) {
    io.stderr.write(`lth report: ${errorMessage(error)}; write the report elsewhere with --out FILE.html\n`);
    return EXIT.failed;
  }
  io.stdout.write(`${outFile}\n`);
  return EXIT.ok;
}

function snapshotOf(run: RunFolderContents, records = run.records): RunSnapshot {
  return { runId: runIdOf(run.runDir), runDir: resolve(run.runDir), manifest: run.manifest, records };
}

/**
 * The snapshot message the panel would get in VS Code for these folders; every run is selected.
 * `warn` hears of each line of trials.jsonl that was skipped (not a trial of its run).
 */
export function reportSnapshot(runDirs: readonly string[], merge: boolean, warn: (warning: string) => void = () => {}): HostToPanelMessage {
  let runs: RunSnapshot[];
  if (merge) {
    const merged = mergeRunFolders(runDirs);
    rejectedLineWarnings(merged.runs).forEach((warning) => warn(warning));
    runs = [snapshotOf(merged.runs[0], merged.records)];
  } else {
    const folders = runDirs.map(readRunFolder);
    rejectedLineWarnings(folders).forEach((warning) => warn(warning));
    runs = folders.map((folder) => snapshotOf(folder));
    const ids = runs.map((run) => run.runId);
    const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
    if (repeated !== undefined) throw new Error(`${repeated} is given twice; expected distinct run folders`);
  }
  const experiments = [...new Set(runs.map((run) => run.manifest.experiment))];
  return { type: 'snapshot', experiment: experiments.join(' / '), runs, selectedRunIds: runs.map((run) => run.runId) };
}

/** dist/webview from the built CLI (dist/cli.js) or from the sources (src/cli/commands, run by tsx). */
function readPanelBundle(): { script: string; style: string } {
  const candidates = [join(__dirname, 'webview'), join(__dirname, '..', '..', '..', 'dist', 'webview')];
  const folder = candidates.find((candidate) => existsSync(join(candidate, 'panel.js')));
  if (!folder) throw new Error(`the panel bundle (dist/webview/panel.js) is missing; looked in ${candidates.join(', ')}. Run "npm run build" first`);
  const stylePath = join(folder, 'panel.css');
  return { script: readFileSync(join(folder, 'panel.js'), 'utf8'), style: existsSync(stylePath) ? readFileSync(stylePath, 'utf8') : '' };
}

/**
 * The page. Inlined code must not end its own element early: "</script" and "</style"
 * are broken up (inside JS strings and regexes `<\/` means the same), and in the JSON every
 * "<" becomes \u003c, which JSON.parse reads back unchanged. Its Content-Security-Policy is as
 * strict as the webview's: only the page's own script and style run (allowed by their hashes,
 * so the file stays the same for the same runs), nothing is fetched, and markup injected
 * through the data could run nothing.
 */
export function reportHtml(snapshot: HostToPanelMessage, bundle: { script: string; style: string }): string {
  const title = snapshot.type === 'snapshot' ? `LTH Lab report — ${snapshot.experiment}` : 'LTH Lab report';
  const data = JSON.stringify(snapshot).replace(/</g, '\\u003c');
  const script = `\n${bundle.script.replace(/<\/(script)/gi, '<\\/$1')}\n`;
  const style = `\n${bundle.style.replace(/<\/(style)/gi, '<\\/$1')}\n`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportContentSecurityPolicy(script, style))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lth report">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<div id="app">Loading…</div>
<script type="application/json" id="${REPORT_DATA_ELEMENT_ID}">${data}</script>
<script>${script}</script>
</body>
</html>
`;
}

/** The policy for the page whose one inline script and style are exactly `script` and `style`. */
export function reportContentSecurityPolicy(script: string, style: string): string {
  const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
  return [
    "default-src 'none'",
    `script-src ${hash(script)}`,
    `style-src ${hash(style)}`,
    // Chart exports are canvas data/blob URLs.
    'img-src data: blob:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}
