import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

// SQLite in WAL mode copies the log back into the database file ("checkpoint") from inside whichever commit crosses
// 1,000 pages, and with `synchronous = NORMAL` a checkpoint syncs both files to disk. On the embedded default that
// commit is the learning engine's group commit on the event loop, so every few seconds under load one batch of
// heartbeats waited for two fsyncs and every request behind it stalled. Here checkpoints run in a thread of their own,
// on a connection of their own: PASSIVE ones, which never wait for readers or block the writer, so the main
// connection's commits only append to the log. Under steady writes a passive checkpoint rarely ends with the log fully
// copied (a commit lands meanwhile), and only then may the log start again from its beginning; so when the log passes
// `truncateFrames` the thread runs a TRUNCATE checkpoint, which holds writers back only while it copies the few
// frames the passive one left and empties the file. If the thread cannot start or dies, the main connection
// checkpoints itself again as SQLite does by default.

const DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

/** Plain JavaScript run in the worker (no TypeScript loader needed there); better-sqlite3 is resolved by the parent. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
const run = () => {
  try {
    let [result] = db.pragma('wal_checkpoint(PASSIVE)');
    let truncated = false;
    if (result.log > workerData.truncateFrames) { [result] = db.pragma('wal_checkpoint(TRUNCATE)'); truncated = result.busy === 0; }
    parentPort.postMessage({ ok: true, log: result.log, checkpointed: result.checkpointed, truncated });
  } catch (error) {
    parentPort.postMessage({ ok: false, error: String(error && error.message || error) });
  }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', (m) => { if (m === 'stop') { clearInterval(timer); db.close(); process.exit(0); } if (m === 'now') run(); });
`;

export type CheckpointStats = {
  runs: number;
  truncations: number;
  failures: number;
  lastLogFrames: number;
  lastCheckpointedFrames: number;
};
export type CheckpointOptions = { intervalMs?: number; truncateFrames?: number };

export type Checkpointer = { stats: () => CheckpointStats; runNow: () => void; stop: () => Promise<void> };

/** Starts background checkpoints of the WAL database `file`, which `main` (the application's connection) writes. */
export function startCheckpointer(main: SQLite.Database, file: string, options: CheckpointOptions = {}): Checkpointer {
  const intervalMs = options.intervalMs ?? 1000;
  // 4,000 pages of 4 KiB: the log stays under ~16 MiB, four times what SQLite's own checkpoints allow.
  const truncateFrames = options.truncateFrames ?? 4 * DEFAULT_AUTOCHECKPOINT_PAGES;
  const stats: CheckpointStats = { runs: 0, truncations: 0, failures: 0, lastLogFrames: 0, lastCheckpointedFrames: 0 };
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver, intervalMs, truncateFrames } });
  let stopping = false;
  const fallBack = () => {
    if (main.open) main.pragma(`wal_autocheckpoint = ${DEFAULT_AUTOCHECKPOINT_PAGES}`);
  };
  worker.once('online', () => {
    if (main.open && !stopping) main.pragma('wal_autocheckpoint = 0');
  });
  worker.on('message', (m: { ok: boolean; log?: number; checkpointed?: number; truncated?: boolean }) => {
    if (!m.ok) {
      stats.failures++;
      return;
    }
    stats.runs++;
    if (m.truncated) stats.truncations++;
    stats.lastLogFrames = m.log ?? 0;
    stats.lastCheckpointedFrames = m.checkpointed ?? 0;
  });
  worker.on('error', () => {
    stats.failures++;
    fallBack();
  });
  worker.on('exit', () => {
    if (!stopping) fallBack();
  });
  worker.unref();
  return {
    stats: () => ({ ...stats }),
    runNow: () => worker.postMessage('now'),
    stop: async () => {
      stopping = true;
      fallBack();
      // Held (ref) while closing, so that a process awaiting close() does not end with the promise unsettled.
      worker.ref();
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      worker.postMessage('stop');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        exited,
        new Promise((resolve) => {
          timer = setTimeout(resolve, 2000);
        }),
      ]);
      clearTimeout(timer);
      await worker.terminate();
    },
  };
}
