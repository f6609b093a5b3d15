// Front door of modules/calendar (the working-day calendar and the working-day deadlines counted with it); other modules import only from here.
export { CalendarService, seedWorkCalendar, workCalendarFrom } from './calendar.service.js';
export { calendarRoutes } from './calendar.routes.js';
export { type WorkCalendarTable } from './calendar.tables.js';
export { addWorkingDays, isOverdue, isWorkingDay, PLAIN_WEEK, type WorkCalendar } from './working-days.js';
// The answer shapes of its routes (TypeBox schemas and their types), for server/src/contracts.ts.
export type * as calendarContract from './calendar.contract.js';
