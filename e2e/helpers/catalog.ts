// The demo courses are created by a background job shortly after the server starts: wait for them through the API.

type CourseList = { items: { id: string; title: string }[]; total: number };

/** Polls the public catalogue until a search finds at least `atLeast` courses; returns what it found. */
export async function waitForCourses(
  baseUrl: string,
  options: { q?: string; atLeast?: number; timeoutMs?: number } = {},
): Promise<CourseList> {
  const { q, atLeast = 1, timeoutMs = 90_000 } = options;
  const url = new URL('/api/catalog/courses', baseUrl);
  if (q) url.searchParams.set('q', q);
  const deadline = Date.now() + timeoutMs;
  let last: CourseList | undefined;
  while (Date.now() < deadline) {
    const response = await fetch(url);
    if (response.ok) {
      last = (await response.json()) as CourseList;
      if (last.total >= atLeast) return last;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `no ${atLeast} course(s)${q ? ` for "${q}"` : ''} within ${timeoutMs} ms (last total: ${last?.total ?? 'no answer'})`,
  );
}

type CourseDetail = { course: { chapters: { lessons: { mediaStatus: string | null }[] }[] } };

/** Polls a course until every lesson's media is ready (demo videos transcode for a couple of minutes after start). */
export async function waitForLessonsReady(baseUrl: string, courseId: string, timeoutMs = 300_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(new URL(`/api/catalog/courses/${encodeURIComponent(courseId)}`, baseUrl));
    if (response.ok) {
      const { course } = (await response.json()) as CourseDetail;
      if (course.chapters.every((c) => c.lessons.every((l) => l.mediaStatus === 'ready'))) return;
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  throw new Error(`the lessons of course ${courseId} were not ready within ${timeoutMs} ms`);
}
