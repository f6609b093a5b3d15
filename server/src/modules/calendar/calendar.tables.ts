/** A day that differs from the plain week: a public holiday, or a weekend day worked to make up for one. */
export interface WorkCalendarTable {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
  /** Where the day comes from: the notice it was published in, or "operator" for a day entered by hand. */
  source: string;
  updated_at: string;
  updated_by: string | null;
}
