// Which pages of the signed-in app a user may open, from the permissions the server lists in /api/auth/me.
// The server still checks every request; this only decides what to show.
import type { Me } from '../api/types';

export type Section =
  | 'home'
  | 'application'
  | 'catalog'
  | 'myClasses'
  | 'openClasses'
  | 'courses'
  | 'classes'
  | 'teachers'
  | 'review'
  | 'institutionReview'
  | 'occupations'
  | 'policies'
  | 'campaigns'
  | 'users'
  | 'institutions'
  | 'invitations'
  | 'audit'
  | 'profile'
  | 'dashboard'
  | 'trace'
  | 'inspection'
  | 'alerts'
  | 'faces'
  | 'calendar'
  | 'certificates'
  | 'questionBanks'
  | 'papers'
  | 'subsidies'
  | 'subsidyBatches'
  | 'mySubsidies'
  | 'recovery'
  | 'credit';

export const SECTION_PATHS: Record<Section, string> = {
  home: '/',
  application: '/my-institution',
  catalog: '/catalog',
  myClasses: '/my/classes',
  openClasses: '/open-classes',
  courses: '/courses',
  classes: '/classes',
  teachers: '/teachers',
  review: '/reviews',
  institutionReview: '/institution-reviews',
  occupations: '/occupations',
  policies: '/policies',
  campaigns: '/campaigns',
  users: '/users',
  institutions: '/institutions',
  invitations: '/invitations',
  audit: '/audit',
  profile: '/profile',
  dashboard: '/dashboard',
  trace: '/trace',
  inspection: '/inspection',
  alerts: '/alerts',
  faces: '/faces',
  calendar: '/work-calendar',
  certificates: '/certificates',
  questionBanks: '/question-banks',
  papers: '/papers',
  subsidies: '/subsidies',
  subsidyBatches: '/subsidy-batches',
  mySubsidies: '/my/subsidies',
  recovery: '/recovery-orders',
  credit: '/credit',
};

/** The permission a section needs; null means every signed-in user. */
const NEEDS: Record<Section, string | null> = {
  home: null,
  application: 'institutions.apply',
  catalog: null,
  myClasses: 'classes.mine',
  openClasses: 'classes.self_enrol',
  courses: 'courses.author',
  classes: 'classes.read',
  teachers: 'teachers.list',
  questionBanks: 'question_banks.read',
  papers: 'papers.read',
  review: 'classes.review',
  institutionReview: 'institutions.oversee',
  occupations: 'reference.manage',
  policies: 'policies.manage',
  campaigns: 'campaigns.manage',
  users: 'users.read',
  institutions: 'institutions.read',
  invitations: 'invitations.read',
  audit: 'audit.read',
  profile: null,
  dashboard: 'stats.dashboard',
  trace: 'stats.trace',
  inspection: 'stats.inspection',
  alerts: 'alerts.read',
  faces: 'faces.read',
  calendar: 'calendar.manage',
  certificates: 'certificates.read',
  subsidies: 'subsidies.read',
  subsidyBatches: 'subsidies.pay',
  mySubsidies: 'subsidies.mine',
  recovery: 'subsidies.recovery.read',
  credit: 'institutions.credit.read',
};

const ORDER: readonly Section[] = [
  'home',
  'dashboard',
  'application',
  'catalog',
  'myClasses',
  'openClasses',
  'certificates',
  'mySubsidies',
  'courses',
  'classes',
  'teachers',
  'questionBanks',
  'papers',
  'review',
  'institutionReview',
  'subsidies',
  'subsidyBatches',
  'occupations',
  'policies',
  'campaigns',
  'calendar',
  'alerts',
  'recovery',
  'credit',
  'faces',
  'trace',
  'inspection',
  'users',
  'institutions',
  'invitations',
  'audit',
  'profile',
];

export function can(me: Pick<Me, 'permissions'>, permission: string): boolean {
  return me.permissions.includes(permission);
}

export function canOpen(me: Pick<Me, 'permissions'>, section: Section): boolean {
  const permission = NEEDS[section];
  return permission === null || can(me, permission);
}

export function sectionsFor(me: Pick<Me, 'permissions'>): Section[] {
  return ORDER.filter((section) => canOpen(me, section));
}

/** The menu entry for a location, e.g. /users/123 → users. */
export function sectionOf(pathname: string): Section {
  // The learning pages belong to the learner's classes, though their paths are short.
  if (pathname.startsWith('/learn/')) return 'myClasses';
  const found = ORDER.find((section) => section !== 'home' && pathname.startsWith(SECTION_PATHS[section]));
  return found ?? 'home';
}
