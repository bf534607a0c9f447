// The runs of the experiment to pick from, each with what tells it apart: the user's label
// (editable where there is an extension to store it), start date, config hash and progress.
// Runs of another file with the same experiment name (a copy that kept the name) are listed
// apart under a notice, since a name alone does not say which file a run came from.
import { runFolderName } from '../../src/core/analysis/seriesRuns';
import { isRunOfFile, otherSourceFiles } from '../../src/core/runs/runSource';
import { RUN_LABEL_MAX_LENGTH } from '../../src/shared/protocol';
import { element } from './dom';
import type { RunView } from './panelStore';

export interface RunListActions {
  select(runIds: string[]): void;
  /** Absent where there is no host to open folders or keep labels (the standalone report). */
  openRunFolder?(runId: string): void;
  labelRun?(runId: string, label: string): void;
}

/** "2026-11-25 00:51 UTC". */
export function runDate(run: RunView): string {
  return run.manifest.startedAt.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
}

/** A run's name in lists and legends: its label, else its folder (a timestamp). */
export function runName(run: RunView): string {
  return run.label ?? runFolderName(run.runId);
}

export class RunList {
  readonly element = element('fieldset', { className: 'run-list' });
  private signature = '';

  constructor(private readonly actions: RunListActions) {}

  /** `trailing`: put after the entries (the compare choice). */
  render(runs: readonly RunView[], selected: readonly string[], experimentFile: string | undefined, trailing: HTMLElement): void {
    this.element.hidden = runs.length === 0;
    const signature = JSON.stringify([experimentFile, runs.map((run) => [run.runId, run.label, run.status, run.completedTrials, run.totalTrials, selected.includes(run.runId)])]);
    if (signature === this.signature) return;
    this.signature = signature;
    const focused = document.activeElement as HTMLElement | null;
    const focusedRun = focused?.dataset?.runId;
    const focusedKind = focused?.tagName;

    const entry = (run: RunView) => this.entry(run, runs, selected);
    const ownRuns = runs.filter((run) => isRunOfFile(run.manifest, experimentFile));
    const otherFiles = otherSourceFiles(runs.map((run) => run.manifest), experimentFile);
    const parts: Node[] = [element('legend', { text: runs.length > 1 ? 'Runs' : 'Run' }), ...ownRuns.map(entry)];
    if (otherFiles.length > 0) {
      const files = [experimentFile as string, ...otherFiles].map((file) => `“${file}”`).join(', ');
      parts.push(
        element('p', { className: 'notice source-notice', role: 'note', text: `${otherFiles.length + 1} files share the name "${runs[0].manifest.experiment}" (${files}); their runs are in one folder and are listed apart below.` }),
      );
      for (const file of otherFiles) {
        const ofFile = runs.filter((run) => run.manifest.experimentFile === file);
        parts.push(element('div', { className: 'run-group', 'data-source-file': file }, [element('p', { className: 'run-group-title', text: `Runs of ${file}` }), ...ofFile.map(entry)]));
      }
    }
    this.element.replaceChildren(...parts, trailing);
    if (focusedRun !== undefined) {
      const again = [...this.element.querySelectorAll<HTMLElement>('[data-run-id]')].find((node) => node.dataset.runId === focusedRun && node.tagName === focusedKind);
      again?.focus();
    }
  }

  private entry(run: RunView, runs: readonly RunView[], selected: readonly string[]): HTMLElement {
    const checkbox = element('input', { type: 'checkbox', 'data-run-id': run.runId, 'aria-label': `Show run ${runName(run)}` });
    checkbox.checked = selected.includes(run.runId);
    checkbox.addEventListener('change', () => {
      const next = runs.filter((candidate) => (candidate.runId === run.runId ? checkbox.checked : selected.includes(candidate.runId)));
      if (next.length === 0) {
        checkbox.checked = true; // one run stays shown: an empty panel is no choice
        return;
      }
      this.actions.select(next.map((candidate) => candidate.runId));
    });
    const name = element('span', { className: 'run-name', text: runName(run) });
    const meta = element('span', {
      className: 'run-meta',
      text: `${runDate(run)} · config ${run.manifest.configHash.slice(0, 8)} · ${run.status}, ${run.completedTrials}/${run.totalTrials} trials`,
      title: `configHash ${run.manifest.configHash}: runs with the same hash ran the same trials`,
    });
    const parts: Node[] = [element('label', { title: run.runDir }, [checkbox, name]), meta];
    const { labelRun, openRunFolder } = this.actions;
    if (labelRun) {
      const edit = element('button', { type: 'button', text: 'Label', 'data-run-id': run.runId, 'aria-label': `Label run ${runName(run)}` });
      edit.addEventListener('click', () => this.editLabel(run, name, labelRun));
      parts.push(edit);
    }
    if (openRunFolder) {
      const open = element('button', { type: 'button', text: 'Open folder', 'data-run-id': run.runId, 'aria-label': `Open the folder of run ${run.runId}` });
      open.addEventListener('click', () => openRunFolder(run.runId));
      parts.push(open);
    }
    return element('span', { className: 'run-entry' }, parts);
  }

  /** Swaps the run's name for a text field: Enter or leaving it saves, Escape gives up. */
  private editLabel(run: RunView, name: HTMLElement, labelRun: (runId: string, label: string) => void): void {
    const input = element('input', { type: 'text', className: 'run-label-input', maxlength: String(RUN_LABEL_MAX_LENGTH), 'aria-label': `Label of run ${run.runId} (empty: none)`, placeholder: runFolderName(run.runId) });
    input.value = run.label ?? '';
    let done = false;
    const finish = (save: boolean) => {
      if (done) return;
      done = true;
      input.replaceWith(name);
      if (save && input.value.trim() !== (run.label ?? '')) labelRun(run.runId, input.value.trim());
    };
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') finish(true);
      else if (event.key === 'Escape') finish(false);
    });
    input.addEventListener('blur', () => finish(true));
    name.replaceWith(input);
    input.focus();
  }
}
