export { CalendarService, seedWorkCalendar, workCalendarFrom } from './calendar.service.js';
