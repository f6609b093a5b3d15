// One sentence per pre-check in the UI language, from the key, reason and figures the server sends.
import type { TFunction } from 'i18next';
import type { PrecheckItem } from './types';

export type PrecheckContext = {
  t: TFunction;
  language: string;
  /** A general module's name for its code (the code itself when unknown). */
  moduleName: (code: string) => string;
  /** A skill level's name, e.g. 五级/初级工. */
  levelName: (level: number) => string;
};

const num = (value: unknown): number =>
  typeof value === 'number' && Number.isFinite(value) ? value : Number(value ?? 0) || 0;
const round1 = (value: number) => Math.round(value * 10) / 10;
const percent = (value: unknown) => round1(num(value) * 100);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : [];

function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 1 }).format(value);
}

export function precheckTitle(item: Pick<PrecheckItem, 'key'>, t: TFunction): string {
  return t(`classes.prechecks.keys.${item.key}`, { defaultValue: item.key });
}

export function precheckText(item: PrecheckItem, ctx: PrecheckContext): string {
  const { t, language } = ctx;
  const f = item.figures ?? {};
  const n = (value: unknown) => formatNumber(num(value), language);
  const list = (items: string[]) => items.map((text) => t('classes.quoted', { text })).join(t('classes.listSeparator'));
  const key = `classes.prechecks.text.${item.key}.${item.reason}`;
  let values: Record<string, unknown> = {};
  let suffix = '';

  switch (item.key) {
    case 'institution_credit':
      values = { score: num(f.score), until: typeof f.until === 'string' ? f.until : '' };
      break;
    case 'dates':
      values = { days: n(f.days), startDate: f.startDate, endDate: f.endDate, today: f.today };
      break;
    case 'courses':
      values = { count: num(f.count), courses: list(strings(f.courses)) };
      break;
    case 'hours': {
      if (item.reason === 'no_standard') {
        values = { level: ctx.levelName(num(f.level)) };
        break;
      }
      const online = num(f.countedOnline ?? f.onlineHours);
      values = {
        online: n(online),
        offline: n(f.offlineHours),
        total: n(f.total),
        required: n(f.required),
        missing: n(Math.max(0, round1(num(f.required) - num(f.total)))),
      };
      // Online hours may count with a policy factor; say so when they differ from the courses' own hours.
      const raw = num(f.onlineHours);
      if (raw !== online) suffix = t('classes.prechecks.text.hours.factor', { raw: n(raw), online: n(online) });
      break;
    }
    case 'online_share':
      values = { share: formatNumber(percent(f.share), language), cap: formatNumber(percent(f.cap), language) };
      break;
    case 'general_modules': {
      if (item.reason === 'ok' && strings(f.required).length === 0)
        return t('classes.prechecks.text.general_modules.ok_none');
      values = {
        count: strings(f.required).length,
        modules: strings(f.missing).map(ctx.moduleName).join(t('classes.listSeparator')),
      };
      break;
    }
    case 'offline_sessions':
      values = { planned: n(f.planned), offline: n(f.offlineHours), sessions: list(strings(f.sessions)) };
      break;
    case 'teachers':
      values = { count: num(f.count), teachers: strings(f.teachers).join(t('classes.listSeparator')) };
      break;
    case 'learners':
      values = { count: num(f.count), learners: strings(f.learners).join(t('classes.listSeparator')) };
      break;
    case 'no_overlap': {
      const pairs = Array.isArray(f.learners) ? (f.learners as { name?: string; className?: string }[]) : [];
      values = {
        learners: pairs
          .map((p) =>
            t('classes.prechecks.text.no_overlap.pair', { name: p?.name ?? '', className: p?.className ?? '' }),
          )
          .join(t('classes.listSeparator')),
      };
      break;
    }
    default:
      break;
  }
  // A key or reason this page does not know yet still says something useful.
  const sentence = t(key, {
    ...values,
    defaultValue: t('classes.prechecks.unknown', { key: precheckTitle(item, t), reason: item.reason }),
  });
  return sentence + suffix;
}
