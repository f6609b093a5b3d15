// `npm run verify:seal -- <export dir> [--public-key <file>] [--db <url>]`: checks an export of the evidence seal
// offline (verify.ts): signatures, the tree over the exported leaves, consistency of the heads; with --db (a
// DATABASE_URL, `sqlite://…` or `postgres://…`) also that every sealed record is still in that database unchanged.
// Without --public-key the export's own public-key.pem is used, which only proves the export agrees with itself:
// a regulator passes the key they were given. Exit status 1 on any problem.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../../adapters/db.js';
import { publicKeyFromPem } from '../../platform/signing.js';
import { PUBLIC_KEY_FILE } from './export.js';
import { describeProblems, verifyExport } from './verify.js';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const dir = args.find((a, i) => !a.startsWith('--') && !['--public-key', '--db'].includes(args[i - 1] ?? ''));
if (!dir) {
  console.error('usage: npm run verify:seal -- <export dir> [--public-key <file>] [--db <url>]');
  process.exit(2);
}
const keyFile = flag('--public-key') ?? path.join(dir, PUBLIC_KEY_FILE);
if (!flag('--public-key')) console.log(`(using ${keyFile}: pass --public-key with the key you were given)`);
const publicKey = publicKeyFromPem(readFileSync(keyFile, 'utf8'));
const dbUrl = flag('--db');
const database = dbUrl ? openDatabase(dbUrl) : null;
const report = await verifyExport(dir, publicKey, { db: database?.db });
for (const line of describeProblems(report.problems)) console.log(line);
console.log(
  `${report.heads} signed tree heads, ${report.leaves} leaves; tree of ${report.treeSize} leaves, root ${report.rootHash ?? '-'}` +
    (database ? `; ${report.recordsChecked} records compared with the database` : '') +
    `; ${report.problems.length} problems`,
);
await database?.close();
process.exit(report.problems.length ? 1 : 0);
