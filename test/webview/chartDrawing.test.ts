// How the line charts draw: colours that stay distinct, markers that follow the theme, the
// tooltip's title, log-axis labels that never overlap, bands that stay in the metric's
// domain, and a layout that fits a narrow panel.
import { afterEach, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { formatNumber } from '../../src/shared/formatNumber';
import {
  applyTheme,
  artifactPath,
  type ChartState,
  fixtureRun,
  fixtureRunDirs,
  panelHarnessPerFile,
  readLineStyles,
  runWithSamples,
  send,
  snapshotMessage,
  waitForCharts,
} from './panelPage';

let page: Page | undefined;
let pageErrors: string[] = [];

const phaseRun = fixtureRun(fixtureRunDirs('panel-phase')[0]);

const openPanel = panelHarnessPerFile();

afterEach(async () => {
  assert.deepEqual(pageErrors, [], 'errors in the page');
  await page?.close();
});

async function open(width = 1200): Promise<Page> {
  ({ page, errors: pageErrors } = await openPanel({ width, height: 900 }));
  return page;
}

function chartById(charts: ChartState[], id: string): ChartState {
  const found = charts.find((candidate) => candidate.id === id);
  assert.ok(found, `chart ${id} missing`);
  return found;
}

/** CIE L*a*b* of an sRGB '#rrggbb' (D65). */
function lab(hex: string): [number, number, number] {
  const [red, green, blue] = [1, 3, 5]
    .map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255)
    .map((value) => (value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4));
  const x = (0.4124 * red + 0.3576 * green + 0.1805 * blue) / 0.95047;
  const y = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
  const z = (0.0193 * red + 0.1192 * green + 0.9505 * blue) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** The CIE76 colour difference: about 2.3 is just noticeable, above 20 reads as another colour. */
function deltaE(left: string, right: string): number {
  const [a, b] = [lab(left), lab(right)];
  return Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
}

test('fourteen lines: twelve distinct colours on light and dark themes, then new markers shown in the legend; markers recolour with the theme', async () => {
  const page = await open();
  // Each trial twice, at N and at N + 1000: fourteen N values, so fourteen lines in the chart against the pruning ratio.
  await send(page, snapshotMessage('panel-phase', [runWithSamples(phaseRun, (record) => [record.samples, record.samples + 1000])]));
  await waitForCharts(page, (charts) => chartById(charts, 'metric:pruningRatio').legend.length === 14, 'fourteen lines');
  for (const theme of ['vscode-light', 'vscode-dark']) {
    await applyTheme(page, theme);
    const background = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background').trim());
    await waitForCharts(page, (charts) => charts.every((drawn) => drawn.backgroundColor === background), `the ${theme} colours`);
    const { lines, legend } = await readLineStyles(page, 'metric:pruningRatio');
    const colors = lines.slice(0, 12).map((line) => line.color);
    assert.equal(new Set(colors).size, 12);
    for (const [index, color] of colors.entries()) {
      assert.ok(deltaE(color, background) >= 40, `${color} stands out from the ${theme} background ${background} (ΔE ${deltaE(color, background).toFixed(1)})`);
      for (const other of colors.slice(index + 1)) assert.ok(deltaE(color, other) >= 20, `${color} vs ${other} on ${theme}: ΔE ${deltaE(color, other).toFixed(1)}`);
    }
    // The thirteenth line shares the first's colour: its marker and dash tell it apart, and the legend shows the marker.
    assert.equal(lines[12].color, lines[0].color);
    assert.notEqual(lines[12].pointStyle, lines[0].pointStyle);
    assert.notDeepEqual(lines[12].borderDash, lines[0].borderDash);
    assert.ok(legend.every((item) => item.usePointStyle));
    assert.equal(legend[12].pointStyle, lines[12].pointStyle);
    // What is drawn, not only what was asked: every marker in this theme's line colour.
    for (const line of lines) assert.deepEqual([line.markerFill, line.markerBorder], [line.color, line.color], `${line.label} markers in ${theme}`);
  }
});

test('the tooltip title names the x axis and formats its value', async () => {
  const page = await open();
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  const charts = await waitForCharts(page, (all) => all.length >= 5, 'the charts');
  const title = await page.evaluate(() => {
    const chart = window.lthChartFor?.(document.querySelector<HTMLCanvasElement>('canvas[data-chart-id="metric:pruningRatio"]')!);
    if (!chart) throw new Error('no chart');
    const point = chart.getDatasetMeta(0).data[1];
    chart.tooltip!.setActiveElements([{ datasetIndex: 0, index: 1 }], { x: point.x, y: point.y });
    chart.update();
    return chart.tooltip!.title;
  });
  const drawn = chartById(charts, 'metric:pruningRatio');
  assert.deepEqual(title, [`${drawn.scales.x.titleText} = ${formatNumber(drawn.datasets[0].points[1].x)}`]);
});

test('log x in a narrow panel: the grid values crowded at the top of the axis are thinned so no two labels overlap', async () => {
  const page = await open(300);
  const crowded = new Map([[6, 25], [9, 50], [12, 100], [16, 125], [24, 150], [32, 175], [64, 200]]);
  await send(page, snapshotMessage('panel-phase', [runWithSamples(phaseRun, (record) => [crowded.get(record.samples) as number])]));
  await waitForCharts(page, (charts) => charts.length >= 5, 'the charts');
  await page.locator('[data-chart-id="metric:samples"] .chart-tools input').first().check();
  await waitForCharts(page, (charts) => chartById(charts, 'metric:samples').scales.x.type === 'logarithmic', 'a log x axis');
  const labels = await page.evaluate(() => {
    const chart = window.lthChartFor?.(document.querySelector<HTMLCanvasElement>('canvas[data-chart-id="metric:samples"]')!);
    if (!chart) throw new Error('no chart');
    const scale = chart.scales.x as unknown as { ticks: Array<{ value: number; label: string }>; getPixelForValue(value: number): number; _resolveTickFontOptions(index: number): { string: string } };
    chart.ctx.font = scale._resolveTickFontOptions(0).string;
    return scale.ticks.map((tick) => {
      const width = chart.ctx.measureText(tick.label).width;
      const center = scale.getPixelForValue(tick.value);
      return { label: tick.label, left: center - width / 2, right: center + width / 2 };
    });
  });
  assert.ok(labels.length >= 3, `labels: ${labels.map((label) => label.label).join(' ')}`);
  assert.equal(labels[0].label, '25');
  for (let index = 1; index < labels.length; index++) {
    assert.ok(labels[index].left > labels[index - 1].right, `"${labels[index - 1].label}" and "${labels[index].label}" overlap: ${JSON.stringify(labels)}`);
  }
});

/** The trials' values of one line's point (r = 2 at the given N). */
function trialValues(samples: number): number[] {
  return phaseRun.records.filter((record) => record.samples === samples && record.nonzerosPerNeuron === 2).map((record) => record.generalizationError);
}

test('bands: a std band around means stays inside the values the trials took; medians get the range of the trials', async () => {
  const page = await open();
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  await waitForCharts(page, (charts) => charts.length >= 5, 'the charts');
  await page.getByLabel('Band around the line').selectOption('std');
  await page.locator('[data-chart-id="metric:samples"] .chart-tools input').nth(1).uncheck();
  const bandOf = (charts: ChartState[]) => {
    const drawn = chartById(charts, 'metric:samples');
    const index = drawn.datasets.findIndex((dataset) => dataset.label === 'ratio 0.9 (r = 2)');
    return { line: drawn.datasets[index].points, upper: drawn.datasets[index + 1].points, lower: drawn.datasets[index + 2].points, y: drawn.scales.y.type };
  };
  const means = bandOf(await waitForCharts(page, (charts) => bandOf(charts).y === 'linear', 'a linear y axis'));
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const std = (values: number[]) => Math.sqrt(mean(values.map((value) => (value - mean(values)) ** 2)));
  assert.ok(means.line.some((point) => mean(trialValues(point.x)) - std(trialValues(point.x)) < 0), 'the data has a mean − std below 0 (else this test tells nothing)');
  for (const [index, point] of means.line.entries()) {
    const values = trialValues(point.x);
    assert.ok(means.lower[index].y >= Math.min(...values) && means.lower[index].y >= 0, `lower edge at N = ${point.x}: ${means.lower[index].y}`);
    assert.ok(means.upper[index].y <= Math.max(...values), `upper edge at N = ${point.x}`);
  }

  await page.getByLabel('Line through the trials at each point').selectOption('median');
  const medians = bandOf(await waitForCharts(page, (charts) => bandOf(charts).line[0].y !== means.line[0].y, 'median lines'));
  for (const [index, point] of medians.line.entries()) {
    const values = trialValues(point.x);
    assert.deepEqual([medians.lower[index].y, medians.upper[index].y], [Math.min(...values), Math.max(...values)], `the band around the median at N = ${point.x} is the range, not a std`);
  }
});

test('narrow panel: at 300 px the page does not scroll sideways', async () => {
  const page = await open(300);
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  await waitForCharts(page, (charts) => charts.length >= 5, 'the charts');
  await page.waitForTimeout(100); // the charts' resize observers
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.scrollingElement!.scrollWidth, clientWidth: document.scrollingElement!.clientWidth }));
  await page.screenshot({ path: artifactPath('panel-narrow-300.png'), fullPage: true });
  assert.ok(scrollWidth <= clientWidth, `scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`);
});

test('hovering a heatmap cell shows its measured success beside the theory’s prediction', async () => {
  const page = await open();
  await send(page, snapshotMessage('panel-phase', [phaseRun]));
  await waitForCharts(page, (all) => all.some((chart) => chart.id === 'heatmap:'), 'the heatmap');
  const label = await page.evaluate(() => {
    const chart = window.lthChartFor?.(document.querySelector<HTMLCanvasElement>('canvas[data-chart-id="heatmap:"]')!);
    if (!chart) throw new Error('no chart');
    const cell = chart.getDatasetMeta(0).data[0];
    chart.tooltip!.setActiveElements([{ datasetIndex: 0, index: 0 }], { x: cell.x, y: cell.y });
    chart.update();
    return chart.tooltip!.body.flatMap((item) => item.lines);
  });
  assert.equal(label.length, 1);
  assert.match(label[0], /^r = \d+, N = \d+: \d+% success \(\d+\/\d+ trials\); theory predicts \d+%$/);
});
