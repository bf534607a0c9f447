// Types of package-vsix.mjs for the TypeScript tests that import it.
export declare function packageVsix(options: { repoDir: string; outFile?: string }): string;
export declare const USER_README: string;
