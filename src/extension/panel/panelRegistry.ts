// Which panel shows which experiment: one per experiment file (or, for a panel that knows no
// file, per runs root + name). Asking again reveals the panel already open instead of
// opening another beside it. No vscode import, so the bookkeeping is unit-tested alone.
import { resultsTargetKey, type ResultsTarget } from './resultsTarget';

export interface RegisteredPanel {
  readonly target: ResultsTarget;
  reveal(preserveFocus: boolean): void;
  onDidDispose(listener: () => void): void;
  dispose(): void;
}

/** The panel's slot: the experiment file when known, since its name may be edited while a panel shows it. */
export function panelSlot(target: ResultsTarget): string {
  return target.experimentFile ?? resultsTargetKey(target);
}

export class PanelRegistry<Panel extends RegisteredPanel> {
  private readonly panels = new Map<string, Panel>();

  /** The panel of `target`, revealed; a new one from `create` when none shows those runs. */
  show(target: ResultsTarget, preserveFocus: boolean, create: () => Panel): Panel {
    const existing = this.panels.get(panelSlot(target));
    if (existing && resultsTargetKey(existing.target) === resultsTargetKey(target)) {
      existing.reveal(preserveFocus);
      return existing;
    }
    // The file now names another experiment (or runs root): its old panel would show stale runs.
    existing?.dispose();
    return this.add(create());
  }

  /** Registers a panel made elsewhere (a restored one), replacing any other in its slot. */
  add(panel: Panel): Panel {
    const slot = panelSlot(panel.target);
    const previous = this.panels.get(slot);
    if (previous && previous !== panel) previous.dispose();
    this.panels.set(slot, panel);
    panel.onDidDispose(() => {
      if (this.panels.get(slot) === panel) this.panels.delete(slot);
    });
    return panel;
  }

  get(target: ResultsTarget): Panel | undefined {
    const panel = this.panels.get(panelSlot(target));
    return panel && resultsTargetKey(panel.target) === resultsTargetKey(target) ? panel : undefined;
  }

  all(): Panel[] {
    return [...this.panels.values()];
  }
}
