// A forked Node child that is ended together with everything it started (vscode-dvc style):
// on POSIX the child leads its own process group and the whole group is signalled; on
// Windows `taskkill /T` walks the tree. Signalling a group or tree that is already gone is
// not an error.
import { fork, spawn, type ChildProcess, type ForkOptions } from 'node:child_process';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Set when the process could not be started at all. */
  spawnError?: Error;
}

export class ProcessTree {
  readonly exited: Promise<ProcessExit>;
  private exit: ProcessExit | undefined;

  private constructor(readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => {
      const settle = (exit: ProcessExit) => {
        this.exit ??= exit;
        resolve(this.exit);
      };
      // 'close' (not 'exit'): stdout/stderr are drained by then, so no output line is lost.
      child.once('close', (code, signal) => settle({ code, signal }));
      child.on('error', (error) => {
        if (child.pid === undefined) settle({ code: null, signal: null, spawnError: error });
      });
    });
  }

  /** Forks `modulePath` in a new process group; `options.detached` is always set on POSIX. */
  static fork(modulePath: string, args: string[], options: ForkOptions = {}): ProcessTree {
    const child = fork(modulePath, args, { ...options, detached: process.platform !== 'win32' });
    return new ProcessTree(child);
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** Sends `signal` to the child and all its descendants. */
  signalTree(signal: 'SIGTERM' | 'SIGKILL'): void {
    const pid = this.child.pid;
    if (pid === undefined) return; // never started (spawn error)
    if (process.platform === 'win32') {
      if (this.hasExited) return;
      spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
      return;
    }
    try {
      process.kill(-pid, signal);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  /** SIGTERM to the tree, SIGKILL after `graceMs` if the child still runs; resolves on exit. */
  async terminate(graceMs: number): Promise<ProcessExit> {
    if (this.hasExited) return this.exited;
    this.signalTree('SIGTERM');
    const timer = setTimeout(() => this.signalTree('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}
