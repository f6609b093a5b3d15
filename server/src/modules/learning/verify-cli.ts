// `npm run verify:learning [-- <userId> ...]`: walks the learning evidence chains in the configured database
// (DATABASE_URL, default the embedded SQLite file) and reports any learner whose records were edited, deleted or
// inserted after the fact. Exit status 1 when a chain is broken.
import { openDatabase } from '../../adapters/db.js';
import { loadConfig } from '../../platform/config.js';
import { verifyAllChains } from './records.js';

const config = loadConfig(process.env);
const database = openDatabase(config.databaseUrl);
const result = await verifyAllChains(database.db, process.argv.slice(2));
for (const v of result.broken) {
  console.log(
    `BROKEN  learner ${v.userId}: record ${v.brokenAt!.chainSeq} (${v.brokenAt!.reason}) after ${v.records} good records`,
  );
}
console.log(`${result.learners} learner chains, ${result.records} records verified, ${result.broken.length} broken`);
await database.close();
process.exit(result.broken.length ? 1 : 0);
