// The e2e verdict "the charts hold the run's data" is only as good as chartMismatches: it
// must accept a panel drawn from exactly the records, and name every way one can differ.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chartMismatches } from './chartExpectations';
import type { PanelSnapshot } from './panelCharts';

const records = [
  { cell: 'a', trial: 0, samples: 40, nonzerosPerNeuron: 3, success: true, generalizationError: 1e-8 },
  { cell: 'a', trial: 1, samples: 40, nonzerosPerNeuron: 3, success: false, generalizationError: 3e-8 },
  { cell: 'b', trial: 0, samples: 120, nonzerosPerNeuron: 3, success: true, generalizationError: 5e-9 },
  { cell: 'c', trial: 0, samples: 40, nonzerosPerNeuron: 6, success: false, generalizationError: 0.2 },
];

/** The panel a correct webview draws for `records`, written out by hand. */
function faithfulPanel(): PanelSnapshot {
  return {
    heading: 'LTH Lab — test',
    status: '',
    message: '',
    error: '',
    charts: [
      {
        id: 'metric:samples',
        type: 'line',
        lines: [
          { label: 'r = 3', points: [{ x: 40, y: 2e-8, count: 2 }, { x: 120, y: 5e-9, count: 1 }] },
          { label: 'r = 6', points: [{ x: 40, y: 0.2, count: 1 }] },
        ],
        cells: [],
      },
      {
        id: 'heatmap:',
        type: 'matrix',
        lines: [],
        cells: [
          { r: 3, samples: 40, trials: 2, successes: 1 },
          { r: 3, samples: 120, trials: 1, successes: 1 },
          { r: 6, samples: 40, trials: 1, successes: 0 },
        ],
      },
    ],
  };
}

describe('chartMismatches', () => {
  it('accepts a panel drawn from exactly the records', () => {
    assert.deepEqual(chartMismatches(faithfulPanel(), records), []);
  });

  it('reports a heatmap cell with the wrong success count', () => {
    const panel = faithfulPanel();
    panel.charts[1].cells[0].successes = 2;
    const problems = chartMismatches(panel, records);
    assert.equal(problems.length, 1);
    assert.match(problems[0], /r=3, N=40 shows 2\/2 successes, the run folder has 1\/2/);
  });

  it('reports a point whose mean is not the mean of its trials', () => {
    const panel = faithfulPanel();
    panel.charts[0].lines[0].points[0].y = 3e-8; // the last trial's value, not the mean
    const problems = chartMismatches(panel, records);
    assert.ok(problems.some((problem) => /no point at N=40 over 2 trials/.test(problem)), problems.join('\n'));
    assert.ok(problems.some((problem) => /does not explain/.test(problem)), problems.join('\n'));
  });

  it('reports a panel still missing the newest trials', () => {
    const panel = faithfulPanel();
    panel.charts[0].lines[1].points = [];
    panel.charts[1].cells.pop();
    const problems = chartMismatches(panel, records);
    assert.equal(problems.length, 2, problems.join('\n'));
  });

  it('reports missing charts and an empty run', () => {
    assert.deepEqual(chartMismatches({ ...faithfulPanel(), charts: [] }, records), [
      'no success heatmap chart',
      'no "metric:samples" chart (metric against N)',
    ]);
    assert.deepEqual(chartMismatches(faithfulPanel(), []), ['the run folder has no trial records to compare with']);
  });
});
