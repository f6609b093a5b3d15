// Worker thread entry: the worker runs plain Node (under tests and under `tsx` alike), so it registers tsx's loader
// before importing the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./face-worker.ts');
