export { CalendarService, seedWorkCalendar, workCalendarFrom } from './calendar.service.js';
export { calendarRoutes } from './calendar.routes.js';
export { type WorkCalendarTable } from './calendar.tables.js';
export { addWorkingDays, isOverdue, isWorkingDay, PLAIN_WEEK, type WorkCalendar } from './working-days.js';
