import { AuditOutlined, DiffOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useClassChanges } from './api';
import { formatMinute } from './cells';
import { ChangeDiff } from './ChangeDiff';
import { ChangeForm } from './ChangeForm';
import { ChangeReviewDialog } from './ChangeReviewDialog';
import { OverdueTag } from './StatusTag';
import type { ChangeStatus, ClassChange, ClassDetail } from './types';
import './changes.css';

const STATUS_COLORS: Record<ChangeStatus, string> = {
  submitted: 'processing',
  approved: 'success',
  returned: 'warning',
  rejected: 'error',
};

export function ChangeStatusTag({ status }: { status: ChangeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} data-testid="change-status" data-status={status}>
      {t(`classes.changes.status.${status}`, { defaultValue: status })}
    </Tag>
  );
}

function ChangeCard({ change, onReview }: { change: ClassChange; onReview?: () => void }) {
  const { t, i18n } = useTranslation();
  const time = (value: string | null) => formatMinute(value, i18n.language);
  return (
    <Card
      size="small"
      className="yx-cl-change-card"
      data-testid="change-card"
      data-kind={change.kind}
      data-status={change.status}
      title={
        <Flex gap={8} align="center" wrap>
          <span>{t(`classes.changes.kinds.${change.kind}`)}</span>
          <ChangeStatusTag status={change.status} />
          {change.overdue && <OverdueTag />}
        </Flex>
      }
      extra={
        onReview && (
          <Button
            type="primary"
            size="small"
            icon={<AuditOutlined />}
            onClick={onReview}
            data-testid="change-review-open"
          >
            {t('classes.changes.review')}
          </Button>
        )
      }
    >
      <Flex gap={16} wrap className="yx-cl-change-meta">
        <Typography.Text type="secondary" className="yx-cl-sub">
          {t('classes.changes.submittedAt', { time: time(change.submittedAt) })}
        </Typography.Text>
        {change.status === 'submitted' ? (
          <Typography.Text type={change.overdue ? 'danger' : 'secondary'} className="yx-cl-sub">
            {t('classes.changes.dueAt', { time: time(change.reviewDueAt) })}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" className="yx-cl-sub">
            {t('classes.changes.decidedAt', { time: time(change.decidedAt) })}
          </Typography.Text>
        )}
      </Flex>
      <Typography.Paragraph className="yx-cl-change-reason">
        <Typography.Text type="secondary">{t('classes.changes.reasonLabel')}</Typography.Text>
        {change.reason}
      </Typography.Paragraph>
      <ChangeDiff change={change} />
      {change.decision?.comment && (
        <Typography.Paragraph
          className="yx-cl-change-decision"
          type={change.status === 'approved' ? undefined : 'warning'}
          data-testid="change-decision"
        >
          {t('classes.changes.decision', { name: change.decision.actorName, comment: change.decision.comment })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

/** 变更申请 of an approved class: the institution proposes, regulators review; every request with before → after. */
export function ChangeRequestsTab({ detail }: { detail: ClassDetail }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const changes = useClassChanges(detail.id);
  const [formOpen, setFormOpen] = useState(false);
  const [reviewing, setReviewing] = useState<ClassChange | null>(null);
  const items = changes.data ?? [];
  const pending = items.some((c) => c.status === 'submitted');
  const manager = !!me && can(me, 'classes.manage');
  const reviewer = !!me && can(me, 'classes.review');
  const mayPropose = manager && detail.actions.includes('propose_change');

  return (
    <div className="yx-cl-form-cards">
      <Card size="small">
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Flex vertical gap={4} className="yx-cl-change-intro">
            <Typography.Text type="secondary">{t('classes.changes.intro')}</Typography.Text>
            {manager && detail.status === 'closed' && (
              <Typography.Text type="warning">{t('classes.changes.closedHint')}</Typography.Text>
            )}
            {manager && pending && (
              <Typography.Text type="warning" data-testid="change-pending-hint">
                {t('classes.changes.pendingHint')}
              </Typography.Text>
            )}
          </Flex>
          {mayPropose && (
            <Button
              type="primary"
              icon={<DiffOutlined />}
              disabled={pending}
              onClick={() => setFormOpen(true)}
              data-testid="change-propose"
            >
              {t('classes.changes.propose')}
            </Button>
          )}
        </Flex>
      </Card>
      <ErrorAlert error={changes.error} />
      {changes.isLoading ? (
        <Flex justify="center">
          <Spin />
        </Flex>
      ) : items.length === 0 ? (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('classes.changes.empty')} />
        </Card>
      ) : (
        items.map((c) => (
          <ChangeCard
            key={c.id}
            change={c}
            onReview={reviewer && c.status === 'submitted' ? () => setReviewing(c) : undefined}
          />
        ))
      )}
      {mayPropose && <ChangeForm detail={detail} open={formOpen} onClose={() => setFormOpen(false)} />}
      <ChangeReviewDialog change={reviewing} onClose={() => setReviewing(null)} />
    </div>
  );
}
