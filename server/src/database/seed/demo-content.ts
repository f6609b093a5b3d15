import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Type } from 'typebox';
import { defineJob, type JobContext } from '../../modules/jobs/index.js';
import { GENERAL_MODULES, refreshSearchTokens } from '../../modules/catalog/index.js';
import { makeDemoPdf, makeTestPatternVideo, type TestPattern } from '../../modules/media/index.js';
import { addDays } from '../../platform/time.js';
import { seedDemoClasses } from './demo-classes.js';
import { seedDemoExams } from './demo-exams.js';
import { seedDemoLearning } from './demo-learning.js';
import { newId } from '../../platform/ids.js';
import type { Services } from '../../services.js';

// Demo courses with real, playable lesson videos: ffmpeg test patterns of a realistic lesson length (10–20 minutes, so
// the learning engine's checks — the first within minutes, then every 5–15 minutes — occur in a demo lesson), generated
// once into a cache folder and uploaded through the same media pipeline as any institution's file. To keep the first
// start short they are small: 320×180 at 10 frames a second, silent (encoding audio is what costs most: a 15-minute
// sine track took longer to encode than the picture), and lessons of one length and pattern share one generated file.
// It runs as a background job on the first start, so the server answers at once; the courses appear within seconds
// and their videos play as their transcoding jobs finish (figures: docs/performance.md, "Demo first start").

/** Demo videos and documents, made in the background on the first start (registered in jobs.registry.ts). */
export const DEMO_CONTENT_JOB = defineJob({
  id: 'demo.content',
  payload: Type.Object({}, { additionalProperties: false }),
  maxAttempts: 2,
  handler: (_payload, { services }: JobContext<Services>) =>
    seedDemoContent(services, { cacheDir: path.join(os.tmpdir(), 'yunxue-demo-media') }),
});

type DemoLesson = {
  title: string;
  video?: { seconds: number; pattern: TestPattern };
  pdfPages?: string[];
  documentMinutes?: number;
};
type DemoCourse = {
  owner: 'platform' | 'A' | 'B';
  title: string;
  summary: string;
  occupationCode?: string;
  level?: number;
  categoryCode?: string;
  generalModuleCode?: string;
  status: 'published' | 'draft';
  chapters: { title: string; lessons: DemoLesson[] }[];
};

/** A video lesson of `minutes` minutes. */
const v = (minutes: number, pattern: TestPattern = 'smptebars') => ({ seconds: minutes * 60, pattern });
/** Generated demo videos: small and silent (see above). */
export const DEMO_VIDEO = { width: 320, height: 180, rate: 10 } as const;

const GENERAL_COURSES: DemoCourse[] = GENERAL_MODULES.filter((g) => g.mandatory).map((g, i) => ({
  owner: 'platform',
  title: `${g.nameZh}（通用必修）`,
  summary: `所有职业培训班必修的通用内容：${g.nameZh}。${g.nameEn}: general content required in every class plan.`,
  generalModuleCode: g.code,
  status: 'published',
  chapters: [
    {
      title: g.nameZh,
      lessons: [
        { title: `${g.nameZh}概述`, video: v(i % 2 ? 12 : 10, i % 2 ? 'smptehdbars' : 'smptebars') },
        { title: `${g.nameZh}学习手册`, pdfPages: [`${g.nameEn}`, 'Handbook for learners'], documentMinutes: 20 },
      ],
    },
  ],
}));

const INSTITUTION_COURSES: DemoCourse[] = [
  {
    owner: 'A',
    title: '养老护理员（五级/初级工）理论课程',
    summary: '养老护理员初级理论：职业道德、生活照料、基础照护、安全防护。适用于养老机构与居家养老服务人员。',
    occupationCode: '4-10-01-05',
    level: 5,
    categoryCode: 'ELDERLY_CARE',
    status: 'published',
    chapters: [
      {
        title: '第一章 职业道德与基础知识',
        lessons: [
          { title: '养老护理员的职业守则', video: v(15, 'testsrc2') },
          { title: '老年人生理与心理特点', video: v(18, 'testsrc2') },
        ],
      },
      {
        title: '第二章 生活照料',
        lessons: [
          { title: '饮食与进食照料', video: v(15) },
          { title: '清洁与睡眠照料', video: v(12) },
          {
            title: '生活照料操作手册',
            pdfPages: ['Daily care handbook', 'Feeding', 'Cleaning', 'Sleep'],
            documentMinutes: 20,
          },
        ],
      },
    ],
  },
  {
    owner: 'A',
    title: '电工（五级）安全用电与电工基础',
    summary: '低压电工入门：电路基础、安全用电、常用电工工具与仪表、照明线路安装。',
    occupationCode: '6-31-01-03',
    level: 5,
    categoryCode: 'ELECTRICAL',
    status: 'published',
    chapters: [
      {
        title: '第一章 电工基础',
        lessons: [
          { title: '直流电路与交流电路', video: v(18, 'testsrc') },
          { title: '常用电工仪表的使用', video: v(12, 'testsrc') },
        ],
      },
      { title: '第二章 安全用电', lessons: [{ title: '触电急救与防护', video: v(15, 'smptehdbars') }] },
    ],
  },
  {
    owner: 'A',
    title: '中式烹调师（五级）烹饪基础',
    summary: '中式烹调入门：原料初加工、刀工、火候与调味，厨房食品安全。',
    occupationCode: '4-03-02-01',
    level: 5,
    categoryCode: 'CATERING',
    status: 'draft',
    chapters: [{ title: '第一章 烹饪原料与刀工', lessons: [{ title: '原料初加工', video: v(10, 'rgbtestsrc') }] }],
  },
  {
    owner: 'B',
    title: '家用电器产品维修工（四级）空调与冰箱维修',
    summary: '家电维修中级：制冷原理、空调与冰箱的故障诊断与维修，售后服务规范。',
    occupationCode: '4-12-03-01',
    level: 4,
    categoryCode: 'APPLIANCE_REPAIR',
    status: 'published',
    chapters: [
      { title: '第一章 制冷原理', lessons: [{ title: '蒸气压缩式制冷循环', video: v(15, 'testsrc2') }] },
      {
        title: '第二章 故障诊断',
        lessons: [
          { title: '空调常见故障与排除', video: v(18, 'smptebars') },
          {
            title: '维修安全规范',
            pdfPages: ['Repair safety rules', 'Refrigerants', 'Electrical safety'],
            documentMinutes: 15,
          },
        ],
      },
    ],
  },
  {
    owner: 'B',
    title: '电工（四级）企业配电与电气控制',
    summary: '中级电工：企业配电系统、电动机控制电路、PLC 入门与电气安全管理。',
    occupationCode: '6-31-01-03',
    level: 4,
    categoryCode: 'ELECTRICAL',
    status: 'published',
    chapters: [
      {
        title: '第一章 电气控制',
        lessons: [
          { title: '三相异步电动机控制线路', video: v(20, 'testsrc') },
          { title: 'PLC 入门', video: v(12, 'testsrc2') },
        ],
      },
    ],
  },
];

async function cachedFile(cacheDir: string, name: string, make: (file: string) => Promise<void>): Promise<string> {
  const file = path.join(cacheDir, name);
  if (!existsSync(file)) {
    // Unique temporary name: several processes (test workers, API nodes) may fill the shared cache at once.
    const partial = `${file}.${process.pid}.${newId().slice(-8)}.partial`;
    await make(partial);
    await fs.rename(partial, file);
  }
  return file;
}

/** Seeds the demo courses, a free-access campaign and a regional column; expects the demo institutions to exist. */
export async function seedDemoContent(services: Services, options: { cacheDir: string }): Promise<void> {
  const { db, clock } = services.infra;
  const existing = await db
    .selectFrom('courses')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  // Classes need the published courses: on a database that already has them, only the missing demo classes are added.
  if (Number(existing.n) > 0) {
    await seedDemoClasses(services);
    await seedDemoLearning(services);
    return seedDemoExams(services, plannedLessonMs);
  }
  const owners = await db
    .selectFrom('users')
    .select(['id', 'role', 'institution_id'])
    .where('role', 'in', ['operator', 'institution_admin'])
    .orderBy('created_at')
    .execute();
  const institutions = await db
    .selectFrom('institutions')
    .select(['id', 'region_code'])
    .orderBy('credit_code')
    .execute();
  const operator = owners.find((o) => o.role === 'operator');
  const byKey = {
    A: institutions.find((i) => i.region_code === '330106'),
    B: institutions.find((i) => i.region_code === '330203'),
  };
  if (!operator || !byKey.A || !byKey.B) return;
  await fs.mkdir(options.cacheDir, { recursive: true });
  const now = clock.now().toISOString();
  const published: Record<string, string> = {};

  for (const course of [...GENERAL_COURSES, ...INSTITUTION_COURSES]) {
    const institutionId = course.owner === 'platform' ? null : byKey[course.owner]!.id;
    const author =
      course.owner === 'platform' ? operator : (owners.find((o) => o.institution_id === institutionId) ?? operator);
    const courseId = newId();
    await db
      .insertInto('courses')
      .values({
        id: courseId,
        institution_id: institutionId,
        occupation_code: course.occupationCode ?? null,
        level: course.level ?? null,
        category_code: course.categoryCode ?? null,
        general_module_code: course.generalModuleCode ?? null,
        title: course.title,
        summary: course.summary,
        // The seed is trusted to publish before its videos finish transcoding; authors go through the publish checks.
        status: course.status,
        search_tokens: '',
        created_by: author.id,
        created_at: now,
        updated_at: now,
      })
      .execute();
    for (const [ci, chapter] of course.chapters.entries()) {
      const chapterId = newId();
      await db
        .insertInto('chapters')
        .values({ id: chapterId, course_id: courseId, title: chapter.title, sort: ci + 1 })
        .execute();
      for (const [li, lesson] of chapter.lessons.entries()) {
        let mediaId: string;
        if (lesson.video) {
          const { seconds, pattern } = lesson.video;
          const { width, height, rate } = DEMO_VIDEO;
          const file = await cachedFile(
            options.cacheDir,
            `${pattern}-${seconds}s-${width}x${height}-${rate}fps-silent.mp4`,
            (out) => makeTestPatternVideo({ out, seconds, pattern, width, height, rate, withAudio: false }),
          );
          mediaId = (await services.media.ingestFile({ institutionId, userId: author.id }, file, `${lesson.title}.mp4`))
            .id;
        } else {
          const pages = lesson.pdfPages!;
          const file = await cachedFile(
            options.cacheDir,
            `${pages[0].replace(/\W+/g, '-')}-${pages.length}p.pdf`,
            async (out) => fs.writeFile(out, await makeDemoPdf({ title: pages[0], pages })),
          );
          mediaId = (await services.media.ingestFile({ institutionId, userId: author.id }, file, `${lesson.title}.pdf`))
            .id;
        }
        await db
          .insertInto('lessons')
          .values({
            id: newId(),
            course_id: courseId,
            chapter_id: chapterId,
            title: lesson.title,
            kind: lesson.video ? 'video' : 'document',
            media_id: mediaId,
            document_minutes: lesson.video ? null : (lesson.documentMinutes ?? 10),
            sort: li + 1,
          })
          .execute();
      }
    }
    await refreshSearchTokens(db, courseId);
    if (course.status === 'published') published[course.title] = courseId;
  }

  const campaignId = newId();
  await db
    .insertInto('campaigns')
    .values({
      id: campaignId,
      name_zh: '浙江省养老护理免费学',
      name_en: 'Zhejiang free elderly-care training',
      region_code: '330000',
      starts_at: addDays(clock.now(), -7).toISOString(),
      ends_at: addDays(clock.now(), 90).toISOString(),
      created_by: operator.id,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('campaign_items')
    .values({ campaign_id: campaignId, course_id: null, category_code: 'ELDERLY_CARE' })
    .execute();

  const columnId = newId();
  await db
    .insertInto('regional_columns')
    .values({
      id: columnId,
      region_code: '330100',
      title_zh: '杭州技能提升专栏',
      title_en: 'Hangzhou skills upgrade',
      sort: 1,
      created_at: now,
    })
    .execute();
  const featured = Object.entries(published)
    .filter(([title]) => !title.includes('通用必修'))
    .map(([, id]) => id);
  await db
    .insertInto('column_courses')
    .values(featured.map((courseId, i) => ({ column_id: columnId, course_id: courseId, sort: i + 1 })))
    .execute();

  await seedDemoClasses(services);
  // Learning history for the supervision consoles (demo-learning.ts).
  await seedDemoLearning(services);
  // A question bank, the running class's formal exam and a certified learner (demo-exams.ts).
  await seedDemoExams(services, plannedLessonMs);
}

/** A demo lesson's planned length by title: its video's length, known before the video is probed. */
function plannedLessonMs(title: string): number | null {
  for (const course of [...GENERAL_COURSES, ...INSTITUTION_COURSES])
    for (const chapter of course.chapters)
      for (const lesson of chapter.lessons)
        if (lesson.title === title)
          return lesson.video ? lesson.video.seconds * 1000 : (lesson.documentMinutes ?? 10) * 60_000;
  return null;
}
