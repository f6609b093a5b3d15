import { Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeadlineQueue } from '../../ui/DeadlineQueue';
import { useChangeQueue } from './api';
import { ChangeReviewDialog } from './ChangeReviewDialog';
import type { QueuedChange } from './types';
import './changes.css';

/** Change requests waiting for the regulator, oldest deadline first, overdue ones in red; each opens the review dialog. */
export function ChangeReviewQueue() {
  const { t } = useTranslation();
  const queue = useChangeQueue();
  const [open, setOpen] = useState<QueuedChange | null>(null);
  const kind = (c: QueuedChange) => <Tag color="blue">{t(`classes.changes.kinds.${c.kind}`)}</Tag>;
  return (
    <>
      <DeadlineQueue<QueuedChange>
        items={queue.data}
        fetching={queue.isFetching}
        error={queue.error}
        intro={t('classes.changes.queueIntro')}
        count={(count, overdue) => t('classes.changes.queueCount', { count, overdue })}
        empty={t('classes.changes.queueEmpty')}
        deadlineTitle={t('classes.review.deadline')}
        submitted={(time) => t('classes.changes.submittedAt', { time })}
        columns={[
          {
            key: 'class',
            title: t('classes.list.name'),
            render: (c) => (
              <span className="yx-cl-queue-name yx-cl-queue-name-cell" data-testid="change-queue-class">
                {c.className}
              </span>
            ),
          },
          {
            key: 'institution',
            title: t('classes.list.institution'),
            render: (c) => <span className="yx-cl-institution">{c.institutionName}</span>,
          },
          { key: 'kind', title: t('classes.changes.kind'), render: kind },
          {
            key: 'reason',
            title: t('classes.changes.reason'),
            render: (c) => (
              <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 280 }}>
                {c.reason}
              </Typography.Paragraph>
            ),
          },
        ]}
        card={(c) => (
          <>
            <span className="yx-cl-queue-name yx-cl-queue-card-name">{c.className}</span>
            <Typography.Text type="secondary">{c.institutionName}</Typography.Text>
            <Flex gap={8} align="center" wrap>
              {kind(c)}
            </Flex>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
              {c.reason}
            </Typography.Paragraph>
          </>
        )}
        onOpen={setOpen}
        testIds={{ row: 'change-queue-row', count: 'change-queue-count' }}
      />
      <ChangeReviewDialog
        change={open}
        context={open ? { className: open.className, institutionName: open.institutionName } : undefined}
        onClose={() => setOpen(null)}
      />
    </>
  );
}
