// Shapes of /api/stats/* (see docs/api.md, "Dashboards").

export type ScopeLevel = 'nation' | 'province' | 'city' | 'county' | 'institution';

export type DayFigures = { day: string; activeLearners: number; creditedHours: number; sessions: number };
export type BreakdownRow = {
  key: string;
  name: string;
  learners: number | null;
  institutions: number | null;
  activeClasses: number | null;
  creditedHours: number;
  learnerDays: number;
  sessions: number;
  avgDailyActive: number;
};
export type Dashboard = {
  scope: {
    level: ScopeLevel;
    name: string;
    regionCode: string | null;
    institutionId: string | null;
    up: { region: string | null; name: string } | null;
  };
  today: string;
  asOf: string;
  rolledUpTo: string | null;
  cards: {
    learners: number;
    institutions: number | null;
    activeClasses: number;
    activeLearnersToday: number;
    creditedHoursToday: number;
    sessionsToday: number;
    creditedHoursTotal: number;
    alerts: number;
  };
  alertsByType: { type: string; count: number; open: number }[];
  trend: DayFigures[];
  breakdown: { by: 'region' | 'institution' | 'class'; rows: BreakdownRow[] };
  byOccupation: {
    code: string;
    name: string;
    nameEn: string;
    creditedHours: number;
    learnerDays: number;
    sessions: number;
  }[];
};

export type PlatformStats = {
  today: string;
  asOf: string;
  rolledUpTo: string | null;
  cards: {
    users: number;
    learners: number;
    institutions: number;
    visitsToday: number;
    registrationsToday: number;
    activeUsersToday: number;
    creditedHoursToday: number;
    creditedHoursTotal: number;
  };
  trend: {
    day: string;
    visits: number;
    registrations: number;
    activeUsers: number;
    activeLearners: number;
    creditedHours: number;
  }[];
  byProvince: {
    code: string;
    name: string;
    learners: number;
    institutions: number;
    visits: number;
    registrations: number;
    avgDailyActiveUsers: number;
    creditedHours: number;
  }[];
};
