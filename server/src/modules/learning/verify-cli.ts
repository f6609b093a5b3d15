// `npm run verify:learning [-- <userId> ...]`: walks the learning evidence chains in the configured database
// (DATABASE_URL, default the embedded SQLite file) and reports any learner whose records were edited, deleted or
// inserted after the fact. Exit status 1 when a chain is broken.
import { openDatabase } from '../../adapters/db.js';
import { loadConfig } from '../../platform/config.js';
import { verifyChain } from './records.js';

const config = loadConfig(process.env);
const database = openDatabase(config.databaseUrl);
const requested = process.argv.slice(2);
const users = requested.length ? requested
  : (await database.db.selectFrom('learning_records').select('user_id').distinct().execute()).map((r) => r.user_id);
let broken = 0;
let records = 0;
for (const userId of users) {
  const verdict = await verifyChain(database.db, userId);
  records += verdict.records;
  if (!verdict.ok) {
    broken += 1;
    console.log(`BROKEN  learner ${userId}: record ${verdict.brokenAt!.chainSeq} (${verdict.brokenAt!.reason}) after ${verdict.records} good records`);
  }
}
console.log(`${users.length} learner chains, ${records} records verified, ${broken} broken`);
await database.close();
process.exit(broken ? 1 : 0);
