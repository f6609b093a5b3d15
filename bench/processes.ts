// What the benches share: a server started as its own process (npx tsx, in its own process group) and waited for,
// the CPU time a process has used, and scratch databases (a SQLite file, or a fresh PostgreSQL database dropped
// afterwards). Used by bench/heartbeat.ts and bench/exam.ts.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * CPU time a process has used (user + system), from /proc: on a shared machine it varies less than req/s (though
 * it grows too when the cores are oversubscribed), so it says best what one request costs.
 */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN; // not Linux, or the process is gone
  }
}
const CLOCK_TICKS = 100;

// ---- processes ----------------------------------------------------------------------------------------------

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export type Proc = {
  baseUrl: string;
  child: ChildProcess;
  kill: (signal: NodeJS.Signals) => Promise<void>;
  stopServerOnly: () => Promise<void>;
  serverPid: number;
  log: () => string;
};

/** Starts `npx tsx <args>` in its own process group (npx, tsx and node die together) and waits for /api/health. */
export async function startProcess(tsxArgs: string[], env: Record<string, string>): Promise<Proc> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn('npx', ['tsx', ...tsxArgs], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        /* already gone */
      }
      await exited;
    }
  };
  // The node process that runs the server (below npx and the tsx launcher).
  const serverPid = () => {
    const node = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' })
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .find(([, pgid, ...rest]) => Number(pgid) === child.pid && rest.join(' ').includes('tsx/dist/loader.mjs'));
    return node ? Number(node[0]) : undefined;
  };
  const stopServerOnly = async () => {
    const pid = serverPid();
    if (pid) process.kill(pid, 'SIGTERM');
    await exited;
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${tsxArgs.join(' ')} exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      await kill('SIGKILL');
      throw new Error(`no answer on ${baseUrl}/api/health:\n${output}`);
    }
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok)
        return { baseUrl, child, kill, stopServerOnly, serverPid: serverPid()!, log: () => output };
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

// ---- databases ----------------------------------------------------------------------------------------------

export const pgAdminUrl =
  process.env.BENCH_PG_URL ??
  (process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined) ??
  'postgres://postgres@127.0.0.1:5432/test';

export async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgAdminUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A fresh database, dropped afterwards (as the test harness does). */
export async function scratchDatabase(
  dialect: 'sqlite' | 'postgres',
  varDir: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (dialect === 'sqlite') return { url: `sqlite://${path.join(varDir, 'yunxue.db')}`, drop: async () => {} };
  const name = `yx_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (statement: string) => {
    const c = new pg.Client({ connectionString: pgAdminUrl });
    await c.connect();
    try {
      await c.query(statement);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
