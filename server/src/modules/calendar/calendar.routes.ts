import { Type } from 'typebox';
import { requestMeta, requireActor } from '../../http/auth.js';
import { StrictObject } from '../../http/schemas.js';
import type { App } from '../../http/types.js';
import type { Services } from '../../services.js';
import { calendarResponses } from './calendar.contract.js';

const Year = StrictObject({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) });
const Day = StrictObject({
  day: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  kind: Type.Union([Type.Literal('holiday'), Type.Literal('workday')]),
  name: Type.String({ minLength: 1, maxLength: 40 }),
});

/** The working-day calendar review deadlines count with. */
export function calendarRoutes(app: App, { calendar }: Services): void {
  const tags = ['working-day calendar'];
  const session = { access: 'session' as const };
  app.get(
    '/work-calendar/:year',
    {
      config: session,
      schema: {
        tags,
        params: Year,
        summary: 'Public holidays and make-up working days of a year',
        response: calendarResponses['GET /work-calendar/:year'],
      },
    },
    async (request) => ({ calendar: await calendar.year(requireActor(request), request.params.year) }),
  );
  app.put(
    '/work-calendar/:year',
    {
      config: session,
      schema: {
        tags,
        params: Year,
        summary: 'Replaces the days of a year (operator)',
        body: StrictObject({ days: Type.Array(Day, { maxItems: 120 }) }),
        response: calendarResponses['PUT /work-calendar/:year'],
      },
    },
    async (request) => ({
      calendar: await calendar.replaceYear(
        requireActor(request),
        request.params.year,
        request.body.days,
        requestMeta(request),
      ),
    }),
  );
}
