import { Type, type Static } from 'typebox';
import { StringEnum } from '../../http/contract.js';

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
