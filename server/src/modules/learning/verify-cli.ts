// `npm run verify:learning [-- <userId> ...]`: walks the learning evidence chains in the configured database
// (DATABASE_URL, default the embedded SQLite file) and reports any learner whose records were edited, deleted or
// inserted after the fact; then recomputes every derived figure from the chain (lesson progress, day totals, class
// hours: derived.ts) and reports every difference. Exit status 1 when a chain is broken or a figure differs.
import { openDatabase } from '../../adapters/db.js';
import { loadConfig } from '../../platform/config.js';
import { verifyAllDerived } from './derived.js';
import { verifyAllChains } from './records.js';

const config = loadConfig(process.env);
const database = openDatabase(config.databaseUrl);
const only = process.argv.slice(2);
const result = await verifyAllChains(database.db, only);
for (const v of result.broken) {
  console.log(
    `BROKEN  learner ${v.userId}: record ${v.brokenAt!.chainSeq} (${v.brokenAt!.reason}) after ${v.records} good records`,
  );
}
console.log(`${result.learners} learner chains, ${result.records} records verified, ${result.broken.length} broken`);
const derived = await verifyAllDerived(database.db, only);
for (const { userId, differences } of derived.learners)
  for (const d of differences) {
    const where =
      d.table === 'lesson_progress'
        ? `class ${d.classId} lesson ${d.lessonId}`
        : d.table === 'class_hours'
          ? `class ${d.classId}`
          : `day ${d.day}`;
    console.log(`DIFFERS learner ${userId}: ${d.table}.${d.field} ${where}: stored ${d.stored}, chain ${d.chain}`);
  }
console.log(
  `${derived.checked} learners' derived figures recomputed from their chains, ${derived.differences} differences`,
);
await database.close();
process.exit(result.broken.length || derived.differences ? 1 : 0);
