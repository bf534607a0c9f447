import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PanelRegistry, type RegisteredPanel } from '../../../src/extension/panel/panelRegistry';
import type { ResultsTarget } from '../../../src/extension/panel/resultsTarget';

/** A panel that records what the registry did to it. */
class FakePanel implements RegisteredPanel {
  reveals: boolean[] = [];
  disposed = false;
  private readonly listeners: Array<() => void> = [];
  constructor(readonly target: ResultsTarget) {}
  reveal(preserveFocus: boolean): void {
    this.reveals.push(preserveFocus);
  }
  onDidDispose(listener: () => void): void {
    this.listeners.push(listener);
  }
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const listener of this.listeners) listener();
  }
}

/** A registry whose factory counts the panels it makes. */
function registry() {
  const made: FakePanel[] = [];
  const panels = new PanelRegistry<FakePanel>();
  const show = (target: ResultsTarget, preserveFocus = false) =>
    panels.show(target, preserveFocus, () => {
      const panel = new FakePanel(target);
      made.push(panel);
      return panel;
    });
  return { panels, made, show };
}

const phase: ResultsTarget = { experimentName: 'phase', runsRoot: '/runs', experimentFile: 'file:///w/phase.lth.json' };
const noise: ResultsTarget = { experimentName: 'noise', runsRoot: '/runs', experimentFile: 'file:///w/noise.lth.json' };

test('showing an experiment twice reveals its panel instead of opening another', () => {
  const { panels, made, show } = registry();
  const first = show(phase);
  const second = show({ ...phase }, true);
  assert.equal(second, first);
  assert.equal(made.length, 1);
  assert.deepEqual(first.reveals, [true]);
  assert.equal(panels.get(phase), first);
});

test('each experiment file gets its own panel', () => {
  const { panels, made, show } = registry();
  show(phase);
  show(noise);
  show(phase);
  assert.equal(made.length, 2);
  assert.deepEqual(panels.all().map((panel) => panel.target.experimentName), ['phase', 'noise']);
});

test('a closed panel is forgotten: the next show opens a new one', () => {
  const { panels, made, show } = registry();
  show(phase).dispose();
  assert.equal(panels.get(phase), undefined);
  const again = show(phase);
  assert.equal(made.length, 2);
  assert.equal(again.disposed, false);
  assert.deepEqual(panels.all(), [again]);
});

test('a file renamed to another experiment replaces its panel rather than adding one', () => {
  const { panels, made, show } = registry();
  const old = show(phase);
  const renamed = show({ ...phase, experimentName: 'phase-2' });
  assert.equal(made.length, 2);
  assert.equal(old.disposed, true, 'the stale panel is closed');
  assert.deepEqual(panels.all(), [renamed]);
  assert.equal(panels.get(phase), undefined, 'the old name has no panel any more');
});

test('a restored panel takes its slot; a second restored panel of the same file replaces the first', () => {
  const { panels, made, show } = registry();
  const restored = panels.add(new FakePanel(phase));
  const duplicate = panels.add(new FakePanel(phase));
  assert.equal(restored.disposed, true);
  assert.equal(show(phase), duplicate);
  assert.equal(made.length, 0);
});

test('a panel that knows no file is found by runs root and name', () => {
  const { made, show } = registry();
  const target = { experimentName: 'phase', runsRoot: '/runs' };
  assert.equal(show(target), show({ ...target }));
  assert.equal(made.length, 1);
});
