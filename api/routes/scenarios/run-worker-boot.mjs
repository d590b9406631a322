// Worker-thread boot of a scenario run (plain JS so Node can start it): loads the TypeScript worker through tsx.
import { tsImport } from 'tsx/esm/api';

await tsImport('./run-worker.ts', import.meta.url);
