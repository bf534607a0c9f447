// Types of install-code-server.mjs for the TypeScript tests that import it.
export declare const CODE_SERVER_VERSION: string;
export declare function codeServerCacheDir(): string;
export interface CodeServerInstall {
  /** The installed code-server package folder. */
  packageDir: string;
  /** Its Node entry point: `node <entry> [flags] [folder]`. */
  entry: string;
  /** True when this call installed it; false when the cache was already complete. */
  installed: boolean;
  logFile: string;
  seconds: number;
}
export declare function ensureCodeServer(): CodeServerInstall;
