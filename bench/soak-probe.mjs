// Loaded into the server process by bench/soak.ts (node --expose-gc --import): writes the process's memory figures to
// the file named by YX_SOAK_PROBE every 5 s, so the soak bench can print heap beside RSS without an API that would
// expose them. Every 30 s it also runs a full garbage collection first and records what is left: a sample taken at an
// arbitrary moment of V8's collection cycle swings by 100 MB or more, which hides a slow leak as easily as it fakes one.
import { writeFileSync } from 'node:fs';

const file = process.env.YX_SOAK_PROBE;
if (file) {
  const gc = typeof globalThis.gc === 'function' ? globalThis.gc : null;
  let lastGc = 0;
  let afterGc = null;
  const write = () => {
    const now = Date.now();
    if (gc && now - lastGc >= 30_000) {
      gc();
      lastGc = now;
      const g = process.memoryUsage();
      afterGc = { at: now, rss: g.rss, heapUsed: g.heapUsed };
    }
    const m = process.memoryUsage();
    writeFileSync(file, JSON.stringify({ at: now, rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, afterGc }));
  };
  write();
  setInterval(write, 5000).unref();
}
