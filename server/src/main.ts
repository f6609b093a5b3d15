import closeWithGrace from 'close-with-grace';
import { createPlatform } from './bootstrap.js';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './database/seed/demo.js';
import { loadConfig } from './platform/config.js';

const ROLE_LABELS: Record<string, string> = {
  operator: '平台运营 operator',
  regulator: '监管部门 regulator',
  institution_admin: '机构管理员 institution admin',
  teacher: '教师 teacher',
  learner: '学员 learner',
};

const config = loadConfig();
const platform = await createPlatform(config, { logger: { level: config.logLevel } });
const address = await platform.app.listen({ port: config.port, host: config.host });
const url = config.port === 0 ? address : `http://localhost:${config.port}`;

const lines = ['', `云学 Yunxue is running at ${url}  (database: ${platform.database.dialect}, API docs: ${url}/docs)`];
// Print the demo accounts whenever the demo operator exists (first start or any later one).
const demoOperator = await platform.services.infra.db
  .selectFrom('users')
  .select('id')
  .where('phone_hash', '=', platform.services.infra.cipher.lookupHash('phone', DEMO_ACCOUNTS[0].phone))
  .executeTakeFirst();
if (demoOperator) {
  lines.push(`Demo accounts — sign in with the phone number, password for all: ${DEMO_PASSWORD}`);
  for (const a of DEMO_ACCOUNTS.filter((x) => x.role !== 'learner'))
    lines.push(`  ${a.phone}  ${ROLE_LABELS[a.role].padEnd(30)} ${a.name} (${a.scope})`);
  lines.push(
    `  13800000001 … 13800000020  ${ROLE_LABELS.learner} (01–10 at the Hangzhou school, 11–20 at the Ningbo enterprise)`,
  );
}
console.log(lines.join('\n') + '\n');

closeWithGrace({ delay: 10_000 }, async ({ err }) => {
  if (err) platform.app.log.error({ err }, 'shutting down after error');
  await platform.close();
});
