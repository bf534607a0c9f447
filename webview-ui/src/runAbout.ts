// What the panel shows, said above the charts: the experiment's description, the key settings
// of the run shown (from its family), and — when several runs are shown — what differs between
// their experiments, so that overlaid lines are read as the comparison they are.
import { configDifferenceTable } from '../../src/core/analysis/configDiff';
import type { ExperimentFamily } from '../../src/core/families/experimentFamily';
import { element } from './dom';
import type { RunView } from './panelStore';

export class RunAbout {
  readonly element = element('section', { className: 'run-about', 'aria-label': 'About these results' });
  private signature = '';

  /** `names`: how each run is called in legends. */
  render(family: ExperimentFamily, runs: readonly RunView[], names: ReadonlyMap<string, string>): void {
    const signature = JSON.stringify(runs.map((run) => [run.runId, run.manifest.configHash, names.get(run.runId)]));
    if (signature === this.signature) return;
    this.signature = signature;
    const parts: Node[] = [];
    const first = runs[0];
    const description = first?.manifest.resolved.description;
    if (description) parts.push(element('p', { className: 'experiment-description', text: description }));
    const settings = first ? (family.keySettings?.(first.manifest.resolved) ?? []) : [];
    if (settings.length > 0) {
      const sameConfig = runs.every((run) => run.manifest.configHash === first.manifest.configHash);
      const whose = runs.length > 1 && !sameConfig ? ` of ${names.get(first.runId)}` : '';
      parts.push(
        element('p', { className: 'key-settings-title', text: `Settings${whose}` }),
        element('dl', { className: 'key-settings' }, settings.flatMap((setting) => [element('dt', { text: setting.label, title: setting.detail }), element('dd', { text: setting.value, title: setting.detail })])),
      );
    }
    if (runs.length > 1) parts.push(this.differences(runs, names));
    this.element.replaceChildren(...parts);
    this.element.hidden = parts.length === 0;
  }

  private differences(runs: readonly RunView[], names: ReadonlyMap<string, string>): HTMLElement {
    const rows = configDifferenceTable(runs.map((run) => run.manifest.resolved));
    const summary = element('summary', { text: rows.length === 0 ? 'The runs shown ran the same experiment (same config)' : `What differs between the runs shown (${rows.length} setting${rows.length === 1 ? '' : 's'})` });
    const details = element('details', { className: 'config-diff' }, [summary]);
    if (rows.length === 0) return details;
    details.open = true;
    details.append(
      element('table', {}, [
        element('thead', {}, [element('tr', {}, [element('th', { scope: 'col', text: 'setting' }), ...runs.map((run) => element('th', { scope: 'col', text: names.get(run.runId) ?? run.runId }))])]),
        element('tbody', {}, rows.map((row) => element('tr', {}, [element('th', { scope: 'row', text: row.path }), ...row.values.map((value) => element('td', { text: value }))]))),
      ]),
    );
    return details;
  }
}
