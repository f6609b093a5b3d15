// Catalogue browse and search under load, against bare Fastify measured in the same run.
//
//   npm run bench:catalog                       SQLite (the embedded default), 50,000 published courses
//   BENCH_DB=postgres npm run bench:catalog     PostgreSQL (TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)
//   BENCH_COURSES=200000 BENCH_SECONDS=15 …     bigger catalogue, longer runs
//
// Prints requests per second and latency percentiles per scenario. Figures go to docs/performance.md.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { createPlatform } from '../server/src/bootstrap.js';
import { COURSE_CATEGORIES } from '../server/src/modules/catalog/data/course-categories.js';
import { OCCUPATIONS } from '../server/src/modules/catalog/data/occupation-classification.js';
import { SKILL_LEVELS } from '../server/src/modules/catalog/data/skill-levels.js';
import { indexTokens } from '../server/src/modules/catalog/search-tokens.js';
import { newId } from '../server/src/platform/ids.js';
import { loadConfig } from '../server/src/platform/config.js';
import { createScratchDatabase } from '../server/src/testing/platform.js';

const COURSES = Number(process.env.BENCH_COURSES ?? 50_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const dialect = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'sqlite';
process.env.TEST_DB = dialect;

const TOPICS = [
  '理论基础',
  '操作规范',
  '安全知识',
  '职业道德',
  '实操要点',
  '案例分析',
  '新技术应用',
  '考前辅导',
  '岗位技能提升',
  '法规与标准',
];

async function load(url: string, title: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS });
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${title}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return { title, rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99 };
}

async function baseline() {
  const app = Fastify();
  const body = {
    items: Array.from({ length: 20 }, (_, i) => ({ id: newId(), title: `课程 ${i}`, classHours: 4.2 })),
    total: 20,
  };
  app.get('/hello', async () => body);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const figure = await load(`${address}/hello`, 'bare Fastify, 20-item JSON (baseline)');
  await app.close();
  return figure;
}

async function main() {
  const varDir = mkdtempSync(path.join(tmpdir(), 'yx-bench-'));
  const scratch =
    dialect === 'postgres'
      ? await createScratchDatabase()
      : { url: `sqlite://${path.join(varDir, 'bench.db')}`, drop: async () => {} };
  const config = loadConfig({
    // One load generator is one client IP: lift the per-IP rate limit, which would otherwise answer 429.
    YX_RATE_LIMIT_PER_MINUTE: '100000000',
    NODE_ENV: 'production',
    DATABASE_URL: scratch.url,
    YX_VAR_DIR: varDir,
    YX_DEMO_CONTENT: 'false',
    YX_RUN_JOBS: 'false',
    YX_PII_KEY: randomBytes(32).toString('base64'),
    YX_HASH_KEY: randomBytes(32).toString('base64'),
  });
  const platform = await createPlatform(config, { logger: false });
  const { db } = platform.services.infra;
  const institutions = await db.selectFrom('institutions').select(['id', 'name']).execute();
  const placed = COURSE_CATEGORIES.flatMap((c) =>
    c.occupationCodes
      .map((o) => ({ category: c.code, occupation: OCCUPATIONS.find((x) => x.code === o)! }))
      .filter((x) => x.occupation),
  );

  console.log(`seeding ${COURSES.toLocaleString()} published courses (${dialect}) …`);
  const started = Date.now();
  const now = new Date().toISOString();
  for (let offset = 0; offset < COURSES; offset += 1000) {
    await db.transaction().execute(async (trx) => {
      const courses = [];
      const chapters = [];
      const lessons = [];
      for (let i = offset; i < Math.min(COURSES, offset + 1000); i++) {
        const { category, occupation } = placed[i % placed.length];
        const level = SKILL_LEVELS[i % 5];
        const institution = institutions[i % institutions.length];
        const title = `${occupation.nameZh}（${level.labelZh}）${TOPICS[i % TOPICS.length]} ${i}`;
        const summary = `${occupation.nameZh}培训课程，${TOPICS[(i + 3) % TOPICS.length]}与${TOPICS[(i + 7) % TOPICS.length]}。`;
        const id = newId();
        // Distinct times, as real courses have: the catalogue lists newest first.
        const at = new Date(Date.parse(now) - i * 60_000).toISOString();
        courses.push({
          id,
          institution_id: institution.id,
          occupation_code: occupation.code,
          level: level.level,
          category_code: category,
          general_module_code: null,
          title,
          summary,
          status: 'published' as const,
          created_by: null,
          created_at: at,
          updated_at: at,
          search_tokens: indexTokens(
            title,
            summary,
            occupation.nameZh,
            occupation.nameEn,
            occupation.tags.join(' '),
            institution.name,
            '第一课',
            '第二课',
            '第三课',
          ),
        });
        const chapterId = newId();
        chapters.push({ id: chapterId, course_id: id, title: '第一章', sort: 1 });
        for (let l = 1; l <= 3; l++)
          lessons.push({
            id: newId(),
            course_id: id,
            chapter_id: chapterId,
            title: `第${l}课`,
            kind: 'document' as const,
            media_id: null,
            document_minutes: 45,
            sort: l,
          });
      }
      await trx.insertInto('courses').values(courses).execute();
      await trx.insertInto('chapters').values(chapters).execute();
      for (let i = 0; i < lessons.length; i += 500)
        await trx
          .insertInto('lessons')
          .values(lessons.slice(i, i + 500))
          .execute();
    });
  }
  // Statistics as a running server has them (SQLite: `pragma optimize` every 10 minutes; PostgreSQL: autovacuum).
  await sql`analyze`.execute(db);
  console.log(`seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const address = await platform.app.listen({ port: 0, host: '127.0.0.1' });
  const sample = await db
    .selectFrom('courses')
    .select('id')
    .where('status', '=', 'published')
    .limit(1)
    .executeTakeFirstOrThrow();
  const q = (s: string) => encodeURIComponent(s);
  const figures = [await baseline()];
  for (const [title, url] of [
    ['search "电工" (2 tokens, ~1% of courses)', `/api/catalog/courses?q=${q('电工')}`],
    ['search "养老 护理" (several tokens)', `/api/catalog/courses?q=${q('养老 护理')}`],
    ['browse a category, page 3', '/api/catalog/courses?category=ELECTRICAL&page=3'],
    ['browse region + occupation + level', '/api/catalog/courses?region=330100&occupation=4-10-01-05&level=5'],
    ['course page', `/api/catalog/courses/${sample.id}`],
    ['categories with counts', '/api/catalog/categories'],
  ] as const) {
    figures.push(await load(`${address}${url}`, title));
  }
  console.log(
    `\ncatalogue on ${dialect}, ${COURSES.toLocaleString()} courses, ${CONNECTIONS} connections, ${SECONDS} s each, one Node process`,
  );
  console.table(figures.map((f) => ({ scenario: f.title, 'req/s': f.rps, 'p50 ms': f.p50, 'p99 ms': f.p99 })));
  await platform.close();
  await scratch.drop();
  rmSync(varDir, { recursive: true, force: true });
}

await main();
