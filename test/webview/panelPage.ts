// The panel under test: the built bundle (dist/webview/panel.js, rebuilt here only when a
// source is newer, so `npm test` runs exactly what `npm run build` made), served with the
// harness page from 127.0.0.1, in Debian's Chromium driven by playwright-core.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import * as esbuild from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { TrialRecord } from '../../src/core/families/teacher-student/types';
import { readRunFolder } from '../../src/core/runs/runReader';
import type { HostToPanelMessage, RunSnapshot } from '../../src/shared/protocol';

export const REPO_DIR = resolve(__dirname, '..', '..');
export const ARTIFACTS_DIR = join(REPO_DIR, 'test-artifacts', 'webview');
const BUNDLE = join(REPO_DIR, 'dist', 'webview', 'panel.js');
const BUNDLE_SOURCES = ['webview-ui/src', 'src/core/analysis', 'src/core/families', 'src/shared'].map((folder) => join(REPO_DIR, folder));

function newestModification(folder: string): number {
  return Math.max(
    0,
    ...readdirSync(folder, { withFileTypes: true }).map((entry) => {
      const path = join(folder, entry.name);
      return entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs;
    }),
  );
}

/** Builds the panel bundle alone (the options of esbuild.mjs) when it is missing or older than its sources. */
export async function ensurePanelBundle(): Promise<void> {
  const builtAt = existsSync(BUNDLE) ? statSync(BUNDLE).mtimeMs : 0;
  if (builtAt >= Math.max(...BUNDLE_SOURCES.map(newestModification))) return;
  await esbuild.build({
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
    entryPoints: { panel: join(REPO_DIR, 'webview-ui/src/main.ts') },
    outdir: join(REPO_DIR, 'dist/webview'),
    logLevel: 'warning',
  });
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png' };
/** Only these folders are served. */
const SERVED = ['dist/webview', 'test/webview'].map((folder) => join(REPO_DIR, folder) + sep);

export async function startServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const path = normalize(join(REPO_DIR, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)));
    if (!SERVED.some((folder) => path.startsWith(folder)) || !existsSync(path)) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    response.end(readFileSync(path));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Errors the page threw or logged: a test fails on any. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  return errors;
}

// ---- the recorded runs -------------------------------------------------------------------

const FIXTURE_RUNS = join(REPO_DIR, 'test', 'fixtures', 'runs');

/** The recorded run folders of an experiment, oldest first. */
export function fixtureRunDirs(experiment: string): string[] {
  const folder = join(FIXTURE_RUNS, experiment);
  return readdirSync(folder)
    .sort()
    .map((name) => join(folder, name));
}

/** A recorded run as the extension would put it in a snapshot. */
export function fixtureRun(runDir: string, records?: TrialRecord[]): Omit<RunSnapshot, 'records'> & { records: TrialRecord[] } {
  const contents = readRunFolder(runDir);
  const runId = runDir.split(sep).slice(-2).join('/');
  return { runId, runDir, manifest: contents.manifest, records: records ?? (contents.records as TrialRecord[]) };
}

export function snapshotMessage(experiment: string, runs: RunSnapshot[], selectedRunIds = [runs[0]?.runId].filter(Boolean) as string[]): HostToPanelMessage {
  return { type: 'snapshot', experiment, runs, selectedRunIds };
}

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return join(ARTIFACTS_DIR, name);
}

// ---- reading the page --------------------------------------------------------------------

export interface ChartState {
  id: string;
  title: string;
  type: string;
  /** Per dataset: label, role-free data (x, y) and visibility. */
  datasets: Array<{ label: string; type: string | undefined; points: Array<{ x: number; y: number }> }>;
  /** Legend entries shown. */
  legend: string[];
  scales: Record<string, { type: string; tickColor: string; titleColor: string; titleText: string }>;
  backgroundColor: string | undefined;
}

/** Every chart on the page, read from its Chart.js instance (window.lthChartFor). */
export function readCharts(page: Page): Promise<ChartState[]> {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll<HTMLCanvasElement>('canvas[data-chart-id]')];
    return canvases.map((canvas) => {
      const chart = window.lthChartFor?.(canvas);
      if (!chart) throw new Error(`no chart on canvas ${canvas.dataset.chartId}`);
      const card = canvas.closest('.chart-card');
      const options = chart.options as unknown as {
        scales: Record<string, { type: string; ticks: { color: string }; title: { color: string; text: string } }>;
        plugins: { lthBackground?: { color: string } };
      };
      return {
        id: canvas.dataset.chartId as string,
        title: card?.querySelector('h2')?.textContent ?? '',
        type: (chart.config as { type: string }).type,
        datasets: chart.data.datasets.map((dataset) => ({
          label: dataset.label ?? '',
          type: (dataset as { type?: string }).type,
          points: (dataset.data as Array<{ x: number; y: number }>).map((point) => ({ x: point.x, y: point.y })),
        })),
        legend: (chart.legend?.legendItems ?? []).map((item) => item.text),
        scales: Object.fromEntries(
          Object.entries(options.scales).map(([id, scale]) => [id, { type: scale.type, tickColor: String(scale.ticks?.color), titleColor: String(scale.title?.color), titleText: String(scale.title?.text) }]),
        ),
        backgroundColor: options.plugins.lthBackground?.color,
      };
    });
  });
}

/** Waits until the page shows charts whose point count satisfies `ready`. */
export async function waitForCharts(page: Page, ready: (charts: ChartState[]) => boolean, what: string): Promise<ChartState[]> {
  const deadline = Date.now() + 20_000; // generous: the CI machine may be busy
  let charts: ChartState[] = [];
  while (Date.now() < deadline) {
    charts = await readCharts(page);
    if (charts.length > 0 && ready(charts)) return charts;
    await page.waitForTimeout(50);
  }
  throw new Error(`timed out waiting for ${what}; charts now: ${charts.map((chart) => `${chart.id} (${pointCount(chart)} points)`).join(', ') || 'none'}`);
}

export function pointCount(chart: ChartState): number {
  return chart.datasets.reduce((total, dataset) => total + dataset.points.length, 0);
}

export async function posted(page: Page): Promise<Array<Record<string, unknown>>> {
  return page.evaluate(() => (window as unknown as { harness: { posted: Array<Record<string, unknown>> } }).harness.posted);
}

export async function send(page: Page, message: unknown): Promise<void> {
  await page.evaluate((value) => (window as unknown as { harness: { send(message: unknown): void } }).harness.send(value), message);
}

/**
 * Registers a test file's hooks for one Chromium (with the panel bundle built) shared by its
 * tests and closed after them; returns what gives that browser. Started by this before hook or by
 * a file's own earlier one, whichever asks first.
 */
export function chromiumPerFile(): () => Promise<Browser> {
  let started: Promise<Browser> | undefined;
  const start = () =>
    (started ??= (async () => {
      await ensurePanelBundle();
      return launchChromium();
    })());
  before(start);
  after(async () => {
    if (started) await (await started).close();
  });
  return start;
}

/**
 * Registers a test file's panel hooks: its Chromium (chromiumPerFile) and one harness server,
 * closed after the file. Returns what opens a fresh harness page.
 */
export function panelHarnessPerFile(): (viewport?: { width: number; height: number }) => Promise<{ page: Page; errors: string[] }> {
  const browser = chromiumPerFile();
  let server: Promise<{ server: Server; origin: string }> | undefined;
  after(async () => {
    if (server) (await server).server.close();
  });
  return async (viewport) => {
    const { origin } = await (server ??= startServer());
    return openHarness(await browser(), origin, viewport);
  };
}

/** A fresh page on the harness, ready for messages; `errors` collects what the page threw or logged. */
export async function openHarness(browser: Browser, origin: string, viewport = { width: 1200, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(20_000);
  const errors = collectPageErrors(page);
  await page.goto(`${origin}/test/webview/harness.html`);
  await page.waitForFunction(() => (window as unknown as { harness: { posted: Array<{ type: string }> } }).harness.posted.some((message) => message.type === 'ready'));
  return { page, errors };
}

export async function applyTheme(page: Page, kind: string): Promise<void> {
  await page.evaluate((theme) => (window as unknown as { harness: { applyTheme(kind: string): void } }).harness.applyTheme(theme), kind);
}

export interface LineStyle {
  label: string;
  color: string;
  pointStyle: string;
  borderDash: number[];
  /** The colours Chart.js resolved for the line's first marker (what is drawn). */
  markerFill: string;
  markerBorder: string;
}

/** The lines of a line chart (band edges left out) as Chart.js draws them, and its legend entries. */
export function readLineStyles(page: Page, chartId: string): Promise<{ lines: LineStyle[]; legend: Array<{ text: string; pointStyle: string; usePointStyle: boolean }> }> {
  return page.evaluate((id) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`canvas[data-chart-id="${id}"]`);
    const chart = canvas && window.lthChartFor?.(canvas);
    if (!chart) throw new Error(`no chart ${id}`);
    const shown = new Set((chart.legend?.legendItems ?? []).map((item) => item.datasetIndex));
    const lines = chart.data.datasets.flatMap((dataset, index) => {
      if (!shown.has(index)) return [];
      const marker = chart.getDatasetMeta(index).data[0] as unknown as { options: { backgroundColor: string; borderColor: string } } | undefined;
      const line = dataset as unknown as { label: string; borderColor: string; pointStyle: string; borderDash: number[] };
      return [{ label: line.label, color: line.borderColor, pointStyle: line.pointStyle, borderDash: line.borderDash, markerFill: String(marker?.options.backgroundColor), markerBorder: String(marker?.options.borderColor) }];
    });
    const legendOptions = chart.options.plugins?.legend?.labels as { usePointStyle?: boolean };
    const legend = (chart.legend?.legendItems ?? []).map((item) => ({ text: item.text, pointStyle: String(item.pointStyle), usePointStyle: Boolean(legendOptions?.usePointStyle) }));
    return { lines, legend };
  }, chartId);
}

/** A run whose records are the fixture's with each record's samples mapped (and its cell renamed to match). */
export function runWithSamples(run: ReturnType<typeof fixtureRun>, samplesOf: (record: TrialRecord) => number[]): ReturnType<typeof fixtureRun> {
  const records = run.records.flatMap((record) =>
    samplesOf(record).map((samples, copy) => ({ ...record, samples, cell: `${record.cell}~${copy}` })),
  );
  const axes = { ...run.manifest.resolved.axes, samples: [...new Set(records.map((record) => record.samples))].sort((a, b) => a - b) };
  return { ...run, manifest: { ...run.manifest, resolved: { ...run.manifest.resolved, axes } }, records };
}
