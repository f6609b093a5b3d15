// Form values of the class editor, the request body made from them, and server errors put back on the fields.
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { TFunction } from 'i18next';
import { isApiError } from '../../api/client';
import type { ClassDetail, ClassInput } from './types';

export type SessionValues = {
  title?: string;
  venueName?: string;
  address?: string;
  latitude?: number | null;
  longitude?: number | null;
  startsAt?: Dayjs | null;
  endsAt?: Dayjs | null;
};

export type ClassFormValues = {
  name: string;
  occupationCode?: string | null;
  level?: number | null;
  startDate?: Dayjs | null;
  endDate?: Dayjs | null;
  offlineHours?: number | null;
  capacity?: number | null;
  selfEnrol?: boolean;
  assessmentPlan?: string;
  courseIds?: string[];
  teacherIds?: string[];
  sessions?: SessionValues[];
};

export const CLASS_FIELDS = [
  'name',
  'occupationCode',
  'level',
  'startDate',
  'endDate',
  'offlineHours',
  'capacity',
  'selfEnrol',
  'assessmentPlan',
  'courseIds',
  'teacherIds',
  'sessions',
];

export function initialValues(detail?: ClassDetail): ClassFormValues {
  if (!detail)
    return {
      name: '',
      offlineHours: 0,
      capacity: 50,
      selfEnrol: false,
      assessmentPlan: '',
      courseIds: [],
      teacherIds: [],
      sessions: [],
    };
  return {
    name: detail.name,
    occupationCode: detail.occupationCode,
    level: detail.level,
    startDate: dayjs(detail.startDate),
    endDate: dayjs(detail.endDate),
    offlineHours: detail.offlineHours,
    capacity: detail.capacity,
    selfEnrol: detail.selfEnrol,
    assessmentPlan: detail.assessmentPlan,
    courseIds: detail.courses.map((c) => c.id),
    teacherIds: detail.teachers.map((t) => t.id),
    sessions: detail.sessions.map((s) => ({
      title: s.title,
      venueName: s.venueName,
      address: s.address,
      latitude: s.latitude,
      longitude: s.longitude,
      startsAt: dayjs(s.startsAt),
      endsAt: dayjs(s.endsAt),
    })),
  };
}

/** The request body; the form's rules have made sure the required values are there. */
export function toInput(values: ClassFormValues): ClassInput {
  return {
    name: values.name.trim(),
    occupationCode: values.occupationCode ?? '',
    level: values.level ?? 5,
    startDate: values.startDate?.format('YYYY-MM-DD') ?? '',
    endDate: values.endDate?.format('YYYY-MM-DD') ?? '',
    offlineHours: values.offlineHours ?? 0,
    capacity: values.capacity ?? 1,
    selfEnrol: !!values.selfEnrol,
    assessmentPlan: (values.assessmentPlan ?? '').trim(),
    courseIds: values.courseIds ?? [],
    teacherIds: values.teacherIds ?? [],
    sessions: (values.sessions ?? []).map((s) => ({
      title: (s.title ?? '').trim(),
      venueName: (s.venueName ?? '').trim(),
      address: (s.address ?? '').trim(),
      latitude: s.latitude ?? 0,
      longitude: s.longitude ?? 0,
      startsAt: s.startsAt?.toISOString() ?? '',
      endsAt: s.endsAt?.toISOString() ?? '',
    })),
  };
}

const SESSION_MESSAGES: Record<string, string> = {
  latitude: 'latitude',
  longitude: 'longitude',
  startsAt: 'time',
  endsAt: 'time',
};

/**
 * A server error naming a field (e.g. "name", "sessions.0.latitude") goes under that field, in our words where the
 * server's are generic ("the request data is not valid"). Returns false when the caller should show it above the form.
 */
export function showClassFieldError(form: FormInstance, error: unknown, t: TFunction, language: string): boolean {
  if (!isApiError(error) || !error.field) return false;
  const path: (string | number)[] = error.field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  if (!CLASS_FIELDS.includes(String(path[0]))) return false;
  if (path[0] === 'sessions') {
    // "sessions.2" is a session whose times cannot be read; "sessions" alone is about the list (shown above the form).
    if (typeof path[1] !== 'number') return false;
    if (path.length < 3) path.push('startsAt');
  }
  const generic = isApiError(error, 'VALIDATION_FAILED');
  let text = error.localized(language);
  if (generic) {
    text =
      path[0] === 'sessions'
        ? t(`classes.invalid.${SESSION_MESSAGES[String(path[2])] ?? 'sessions'}`)
        : t(`classes.invalid.${String(path[0])}`);
  }
  const name = path.slice(0, path[0] === 'sessions' ? 3 : 1);
  form.setFields([{ name, errors: [text] }]);
  form.scrollToField(name);
  return true;
}
