// Loaded into the server process by bench/soak.ts (node --import): writes the process's memory figures to the file
// named by YX_SOAK_PROBE every 5 s, so the soak bench can print heap beside RSS without an API that would expose them.
import { writeFileSync } from 'node:fs';

const file = process.env.YX_SOAK_PROBE;
if (file) {
  const write = () => {
    const m = process.memoryUsage();
    writeFileSync(file, JSON.stringify({ at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal }));
  };
  write();
  setInterval(write, 5000).unref();
}
