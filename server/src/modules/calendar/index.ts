export { CalendarService, seedWorkCalendar, workCalendarFrom } from './calendar.service.js';
export { calendarResponses } from './calendar.contract.js';
