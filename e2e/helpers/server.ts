// Starts the real server (npx tsx server/src/main.ts) on a free port with a fresh database, for tests and screenshots.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type RunningServer = { baseUrl: string; varDir: string; log: () => string; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Builds the web app once when web/dist is missing (the server only serves what exists at start-up). */
export function ensureWebBuilt(): void {
  if (existsSync(path.join(repoRoot, 'web/dist/index.html'))) return;
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error(`vite build failed with status ${result.status}`);
}

async function waitForHealth(
  baseUrl: string,
  child: ChildProcess,
  log: () => string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer /api/health within ${timeoutMs} ms:\n${log()}`);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, signal); // the whole group: npx, tsx and node
  } catch {
    // already gone
  }
}

export async function startServer(options: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  ensureWebBuilt();
  const port = await freePort();
  const varDir = mkdtempSync(path.join(tmpdir(), 'yx-e2e-'));
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn('npx', ['tsx', 'server/src/main.ts'], {
    cwd: repoRoot,
    detached: true, // own process group, so stop() ends npx and its children together
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite://${path.join(varDir, 'yunxue.db')}`,
      YX_VAR_DIR: varDir,
      YX_PUBLIC_URL: baseUrl,
      LOG_LEVEL: 'warn',
      // Demo courses transcode a dozen videos in the background: only the tests that need them turn them on.
      YX_DEMO_CONTENT: 'false',
      ...options.env,
    },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const log = () => output;

  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(varDir, { recursive: true, force: true });
  };

  try {
    await waitForHealth(baseUrl, child, log, 120_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, varDir, log, stop };
}
