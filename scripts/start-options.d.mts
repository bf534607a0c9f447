// Types of start-options.mjs for the TypeScript tests that import it.
export declare const DEFAULT_PORT: number;
export declare const START_USAGE: string;
export declare function parseStartOptions(argv: string[], env?: Record<string, string | undefined>): { help: boolean; port: number | undefined };
