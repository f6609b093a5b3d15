// The server of bench/exam.ts, run as its own process: the real platform (server/src/main.ts's createPlatform, every
// route, plugin and hook) with two gates of the formal exam answered by fakes, which the bench documents:
//   - the theory gate (attendance's TheoryProgress) says every learner's online theory is complete: a thousand learners
//     would otherwise need hours of verified learning first (the learning engine has its own bench, bench:heartbeat);
//   - the face verifier passes every check (the face engine has its own bench, bench:face): the check at the start is
//     still answered through the real route (POST /api/exam-attempts/:id/face), which starts the clock.
// Everything an autosave does — auth hook, validation, the attempt taken for the write, the answer stored, the
// evidence appended to the learner's hash chain — is the real code.
import closeWithGrace from 'close-with-grace';
import { createPlatform } from '../server/src/bootstrap.js';
import { newId } from '../server/src/platform/ids.js';
import { loadConfig } from '../server/src/platform/config.js';
import { bankQuestionSource, createExamServices } from '../server/src/modules/exams/index.js';

const platform = await createPlatform(loadConfig(), { logger: { level: 'warn' } });
const { db, clock, hot } = platform.services.infra;
// The routes look the exam services up per call, so replacing them here is what every request sees.
Object.assign(
  platform.services,
  createExamServices({
    db,
    clock,
    hot,
    audit: platform.services.audit,
    policies: platform.services.policies,
    jobs: platform.services.jobs,
    questions: bankQuestionSource(platform.services.questionBanks),
    theory: { isTheoryComplete: () => Promise.resolve(true) },
    face: {
      isEnrolled: () => Promise.resolve(true),
      verifyExam: () =>
        Promise.resolve({
          outcome: 'pass' as const,
          reason: null,
          faceCheckId: newId(),
          distance: 0.3,
          threshold: 0.5,
          liveness: null,
        }),
    },
  }),
);
await platform.app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
closeWithGrace({ delay: 10_000 }, async () => {
  await platform.close();
});
