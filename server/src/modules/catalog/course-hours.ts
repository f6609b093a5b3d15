// Class hours of a course, from the server's own figures: probed video durations (never what a browser reports) and
// the planned minutes of documents, divided by the region's class-hour length.

export type LessonForHours = { kind: 'video' | 'document'; durationMs: number | null; documentMinutes: number | null };

export type CourseHours = {
  minutes: number;
  classHours: number;
  /** Video lessons whose media is not ready yet: their time is not counted. */
  pendingLessons: number;
};

export function courseHours(lessons: LessonForHours[], classHourMinutes: number): CourseHours {
  let seconds = 0;
  let pendingLessons = 0;
  for (const lesson of lessons) {
    if (lesson.kind === 'video') {
      if (lesson.durationMs === null) pendingLessons++;
      else seconds += lesson.durationMs / 1000;
    } else seconds += (lesson.documentMinutes ?? 0) * 60;
  }
  const minutes = Math.round((seconds / 60) * 10) / 10;
  // Class hours are reported to one decimal and never rounded up: a course must really contain the time it claims.
  return { minutes, classHours: Math.floor((seconds / 60 / classHourMinutes) * 10) / 10, pendingLessons };
}

export type StandardCheck =
  | { status: 'no_standard' }
  | {
      status: 'met' | 'below';
      requiredOnlineHours: number;
      courseHours: number;
      standardMinHours: number;
      onlineShare: number;
    };

/**
 * An online course carries the theory part of a training: the standard's minimum hours times the share that may be
 * taught online (the stricter of the standard and the regional policy). Below that, the course is flagged.
 */
export function checkAgainstStandard(
  hours: CourseHours,
  standard: { minHours: number; maxOnlinePercent: number } | null,
  policyMaxOnlineShare: number,
): StandardCheck {
  if (!standard) return { status: 'no_standard' };
  const onlineShare = Math.min(standard.maxOnlinePercent / 100, policyMaxOnlineShare);
  const requiredOnlineHours = Math.ceil(standard.minHours * onlineShare * 10) / 10;
  return {
    status: hours.classHours >= requiredOnlineHours ? 'met' : 'below',
    requiredOnlineHours,
    courseHours: hours.classHours,
    standardMinHours: standard.minHours,
    onlineShare,
  };
}
