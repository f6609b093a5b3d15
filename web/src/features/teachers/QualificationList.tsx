import { StopOutlined } from '@ant-design/icons';
import { Button, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { useLevels } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import { formatMinute } from '../classes/cells';
import type { Qualification } from './types';
import './teachers.css';

const STATE_COLORS = { valid: 'success', expired: 'warning', disqualified: 'error' } as const;

export function qualificationState(q: Qualification): keyof typeof STATE_COLORS {
  return q.status === 'disqualified' ? 'disqualified' : q.expired ? 'expired' : 'valid';
}

type Props = { items: Qualification[]; onDisqualify?: (q: Qualification) => void };

/** A teacher's qualifications: certificate, occupation and level, validity, state, and why one was withdrawn. */
export function QualificationList({ items, onDisqualify }: Props) {
  const { t, i18n } = useTranslation();
  const levels = useLevels();
  if (items.length === 0) return <Typography.Text type="secondary">{t('teachers.noQualifications')}</Typography.Text>;
  return (
    <ul className="yx-tq-list">
      {items.map((q) => {
        const state = qualificationState(q);
        return (
          <li key={q.id} className={`yx-tq-item yx-tq-${state}`} data-testid="qualification" data-state={state}>
            <Flex justify="space-between" align="flex-start" gap={8} wrap>
              <Flex vertical gap={2} className="yx-tq-body">
                <span>
                  <Typography.Text strong>{q.occupationName}</Typography.Text>{' '}
                  <Typography.Text type="secondary" className="yx-tq-sub">
                    {q.occupationCode}
                  </Typography.Text>
                  {' · '}
                  {levelLabel(levels.data, q.level, i18n.language)}
                </span>
                <Typography.Text type="secondary" className="yx-tq-sub">
                  {t(`teachers.kinds.${q.certificateKind}`, { defaultValue: q.certificateKind })} ·{' '}
                  <span className="yx-tq-mono">{q.certificateNo}</span> ·{' '}
                  {q.validUntil
                    ? t('teachers.validUntil', { date: formatDate(q.validUntil, i18n.language) })
                    : t('teachers.noExpiry')}
                </Typography.Text>
                {q.status === 'disqualified' && (
                  <Typography.Text type="danger" className="yx-tq-sub" data-testid="disqualified-reason">
                    {t('teachers.disqualifiedLine', {
                      time: formatMinute(q.disqualifiedAt, i18n.language),
                      name: q.disqualifiedByName ?? '—',
                      reason: q.disqualifiedReason ?? '—',
                    })}
                  </Typography.Text>
                )}
              </Flex>
              <Flex gap={4} align="center">
                <Tag color={STATE_COLORS[state]}>{t(`teachers.state.${state}`)}</Tag>
                {onDisqualify && q.status === 'valid' && (
                  <Button
                    type="link"
                    danger
                    size="small"
                    icon={<StopOutlined />}
                    onClick={() => onDisqualify(q)}
                    data-testid="disqualify"
                  >
                    {t('teachers.disqualify')}
                  </Button>
                )}
              </Flex>
            </Flex>
          </li>
        );
      })}
    </ul>
  );
}
