import type { Actor } from '../../platform/context.js';
import type { ProgressService } from '../class-progress/index.js';
import type { HoursFacts, LearnerHours } from './ports.js';

const tenths = (hours: number) => Math.round(hours * 10);

/**
 * The HoursFacts port from class progress: hours under the class's policy versions, online from the learning engine's
 * verified credit. Class progress reports hours with one decimal, already rounded down; they become whole tenths here
 * so that no amount is computed from a floating-point number.
 */
export function progressHours(progress: Pick<ProgressService, 'classProgress'>): HoursFacts {
  return {
    async forClass(actor: Actor, classId: string) {
      const { learners } = await progress.classProgress(actor, classId);
      const out = new Map<string, LearnerHours>();
      for (const l of learners)
        out.set(l.userId, {
          onlineTenths: tenths(l.onlineHours),
          offlineTenths: tenths(l.offlineHours),
          creditedTenths: tenths(l.totalHours),
          theoryComplete: l.lessonsTotal > 0 && l.lessonsCompleted >= l.lessonsTotal,
        });
      return out;
    },
  };
}
