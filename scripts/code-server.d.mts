// Types of code-server.mjs for the TypeScript tests that import it.
export declare function freePort(preferred?: number): Promise<number>;
export declare function writeUserSettings(userDataDir: string): void;
export declare function installExtension(options: { entry: string; vsixPath: string; extensionsDir: string; userDataDir: string }): void;
export interface RunningCodeServer {
  /** Also the id of its process group. */
  pid: number;
  url: string;
  logFile: string;
  /** Settles with the exit code (or signal name) when the server process ends. */
  exited: Promise<number | string>;
  stop(): Promise<void>;
}
export declare function startCodeServer(options: {
  entry: string;
  port: number;
  folder: string;
  extensionsDir: string;
  userDataDir: string;
  logFile: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<RunningCodeServer>;
export declare function killProcessGroupNow(groupId: number): void;
