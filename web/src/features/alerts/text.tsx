// Alerts in words: the facts a detector found as a sentence, severity and status as tags, notifications as lines.
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Alert, AlertStatus, Notification, RiskLevel, Severity } from './types';

const SEVERITY_COLOR: Record<Severity, string> = { low: 'gold', medium: 'orange', high: 'red' };
const STATUS_COLOR: Record<AlertStatus, string> = {
  open: 'red',
  under_review: 'processing',
  confirmed: 'volcano',
  dismissed: 'default',
};
const LEVEL_COLOR: Record<RiskLevel, string> = { none: 'default', low: 'gold', medium: 'orange', high: 'red' };

export function SeverityTag({ severity }: { severity: Severity }) {
  const { t } = useTranslation();
  return (
    <Tag color={SEVERITY_COLOR[severity]} data-testid="severity">
      {t(`alerts.severity.${severity}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: AlertStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_COLOR[status]}>{t(`alerts.status.${status}`)}</Tag>;
}

export function LevelTag({ level }: { level: RiskLevel }) {
  const { t } = useTranslation();
  return <Tag color={LEVEL_COLOR[level]}>{t(`alerts.riskLevel.${level}`)}</Tag>;
}

const list = (t: TFunction, values: unknown, prefix?: string) =>
  (Array.isArray(values) ? values : [])
    .map((v) => (prefix ? t(`${prefix}.${String(v)}`, { defaultValue: String(v) }) : String(v)))
    .join(t('classes.listSeparator', { defaultValue: '、' }));

/** The detector's figures as a sentence. */
export function factsText(alert: Pick<Alert, 'kind' | 'facts'>, t: TFunction): string {
  const f = alert.facts;
  switch (alert.kind) {
    case 'foreign_ip':
      return t(f.scope === 'province' ? 'alerts.facts.foreign_province' : 'alerts.facts.foreign_country', {
        ...f,
        places: list(t, f.places),
      });
    case 'scripted_player':
      return t('alerts.facts.scripted_player', { ...f, signals: list(t, f.signals, 'alerts.signals') });
    case 'shared_device':
      return t('alerts.facts.shared_device', { ...f, signals: list(t, f.signals, 'alerts.signals') });
    case 'face_mismatch': {
      const parts = [];
      if (Number(f.mismatches) > 0) parts.push(t('alerts.facts.face_mismatch', f));
      if (f.idPhotoMismatch) parts.push(t('alerts.facts.face_mismatch_id'));
      return parts.join(' ');
    }
    case 'shared_face':
      return t('alerts.facts.shared_face', { ...f, distance: Number(f.distance).toFixed(3) });
    case 'class_cluster':
      return t('alerts.facts.class_cluster', { ...f, percent: Math.round(Number(f.share) * 100) });
    case 'group_ip':
      // Over a declared training room's seats: say so, after the crowd.
      return [t('alerts.facts.group_ip', f), f.room ? t('alerts.facts.room', f) : ''].filter(Boolean).join(' ');
    case 'institution_flagged_learners':
      return t('alerts.facts.institution_flagged_learners', {
        ...f,
        percent: Math.round(Number(f.share) * 100),
        thresholdPercent: Math.round(Number(f.thresholdShare) * 100),
      });
    case 'institution_ip_concentration': {
      const addresses = (Array.isArray(f.addresses) ? f.addresses : []) as { ip: string; learners: number }[];
      return t('alerts.facts.institution_ip_concentration', {
        ...f,
        percent: Math.round(Number(f.share) * 100),
        addresses: addresses
          .map((a) => t('alerts.facts.address', a))
          .join(t('classes.listSeparator', { defaultValue: '、' })),
      });
    }
    case 'attendance_anomaly': {
      const signals = (Array.isArray(f.signals) ? f.signals : []) as string[];
      return t('alerts.facts.attendance_anomaly', {
        ...f,
        signals: signals
          .map((s) => t(`alerts.facts.attendance_${s}`, f))
          .join(t('classes.listSeparator', { defaultValue: '、' })),
      });
    }
    case 'exam_identical_answers':
      return t('alerts.facts.exam_identical_answers', {
        ...f,
        others: Array.isArray(f.sameAs) ? f.sameAs.length : 0,
      });
    default:
      return t(`alerts.facts.${alert.kind}`, f);
  }
}

export function notificationText(n: Notification, t: TFunction): string {
  const p = n.params as {
    alertKind?: string;
    severity?: Severity;
    learner?: string | null;
    className?: string | null;
    decision?: 'confirm' | 'dismiss';
    subjectType?: 'learner' | 'class' | 'institution' | 'teacher';
    subjectName?: string | null;
  };
  // Institutions and teachers are named as such; learners and classes as before.
  const who =
    (p.subjectType === 'institution' || p.subjectType === 'teacher') && p.subjectName
      ? t('alerts.notifications.subject', { type: t(`alerts.subject.${p.subjectType}`), name: p.subjectName })
      : p.learner || p.className
        ? t('alerts.notifications.who', {
            learner: p.learner ?? '',
            klass: p.className ? t('alerts.notifications.klass', { name: p.className }) : '',
          })
        : '';
  return t(`alerts.notifications.${n.kind}`, {
    kind: t(`alerts.kind.${p.alertKind}`, { defaultValue: p.alertKind ?? '' }),
    severity: p.severity ? t(`alerts.severity.${p.severity}`) : '',
    decision: p.decision ? t(`alerts.decision.${p.decision}`) : '',
    who,
    defaultValue: n.kind,
  });
}
