import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export type CalendarDayKind = 'holiday' | 'workday';
export type CalendarDayInput = { day: string; kind: CalendarDayKind; name: string };
export type CalendarDay = CalendarDayInput & { source: string; updatedAt: string };
export type CalendarYear = { year: number; days: CalendarDay[] };

const key = (year: number) => ['work-calendar', year] as const;

export function useWorkCalendar(year: number) {
  return useQuery({
    queryKey: key(year),
    queryFn: ({ signal }) =>
      api.get<{ calendar: CalendarYear }>(`/api/work-calendar/${year}`, undefined, signal).then((r) => r.calendar),
  });
}

export function useSaveWorkCalendar(year: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (days: CalendarDayInput[]) =>
      api.put<{ calendar: CalendarYear }>(`/api/work-calendar/${year}`, { days }).then((r) => r.calendar),
    onSuccess: (calendar) => client.setQueryData(key(year), calendar),
  });
}
