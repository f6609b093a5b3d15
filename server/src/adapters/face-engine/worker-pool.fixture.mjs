// A stand-in worker for worker-pool.test.ts: echoes, crashes or never answers, as asked.
import { parentPort, threadId } from 'node:worker_threads';

parentPort.on('message', (request) => {
  if (request.op === 'crash') throw new Error('worker crashed on purpose');
  if (request.op === 'hang') return;
  parentPort.postMessage({ id: request.id, value: request.value, threadId });
});
