// Types of bin/build-state.js for the TypeScript that imports it (the tests).
export declare const BUILD_STAMP: string;
export declare function newestSourceMtimeMs(root: string): number;
export declare function buildState(root: string): 'missing' | 'stale' | 'fresh';
