// The panel webview's entry (bundled to dist/webview/panel.js and panel.css). The same
// bundle runs in VS Code's webview, in the standalone HTML report and in the test harness.
import './styles.css';
import { Chart } from './chartSetup';
import { detectHost } from './host';
import { PanelApp } from './panelApp';

declare global {
  /** The Chart.js instance drawn on a canvas: for tests and for debugging in the webview devtools. */
  var lthChartFor: ((canvas: HTMLCanvasElement) => Chart | undefined) | undefined;
}

globalThis.lthChartFor = (canvas) => Chart.getChart(canvas);

// The extension's page provides <div id="app">; a bare page gets the app in its body.
const mount = document.getElementById('app') ?? document.body;
const host = detectHost(mount);
const app = new PanelApp(mount, host);
host.start((message) => app.receive(message));
