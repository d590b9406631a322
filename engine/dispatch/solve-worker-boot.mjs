// Worker-thread boot of the solve runner (plain JS so Node can start it): loads the TypeScript worker through tsx.
import { tsImport } from 'tsx/esm/api';

await tsImport('./solve-worker.ts', import.meta.url);
