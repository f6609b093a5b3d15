import { Type, type Static } from 'typebox';
import { StringEnum, type Check, type SameShape } from '../../http/contract.js';
import type { CalendarYear as CalendarYearSource } from './calendar.service.js';

export const CalendarYearSchema = Type.Object({
  year: Type.Number(),
  days: Type.Array(
    Type.Object({
      day: Type.String(),
      kind: StringEnum(['holiday', 'workday']),
      name: Type.String(),
      source: Type.String(),
      updatedAt: Type.String(),
    }),
  ),
});
export type CalendarYear = Static<typeof CalendarYearSchema>;

/** What each route answers, by status (the route files attach these as `schema.response`). */
export const calendarResponses = {
  'GET /work-calendar/:year': { 200: Type.Object({ calendar: CalendarYearSchema }) },
  'PUT /work-calendar/:year': { 200: Type.Object({ calendar: CalendarYearSchema }) },
} as const;

/** Compile-time: each schema above has exactly the shape of the type the code builds (drift either way fails tsc). */
export type CalendarContractMatchesSources = [Check<SameShape<CalendarYear, CalendarYearSource>>];
