import { CheckOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Flex, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useIsMobile } from '../../ui/useIsMobile';
import { useDecideChange } from './api';
import { formatMinute } from './cells';
import { ChangeDiff } from './ChangeDiff';
import { OverdueTag } from './StatusTag';
import type { ClassChange, Decision } from './types';

type Props = {
  change: ClassChange | null;
  /** The class and institution, when the dialog is opened from the queue (the class page knows them already). */
  context?: { className: string; institutionName: string };
  onClose: () => void;
};

/** A change request for the regulator: what it does before → after, why, and 批准 / 退回修改 / 驳回 with a comment. */
export function ChangeReviewDialog({ change, context, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const mobile = useIsMobile();
  const decide = useDecideChange();
  const [form] = Form.useForm<{ comment: string }>();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<Decision | null>(null);

  const act = async (decision: Decision) => {
    if (!change) return;
    setError(null);
    form.setFields([{ name: 'comment', errors: [] }]);
    const comment = ((form.getFieldValue('comment') as string | undefined) ?? '').trim();
    if (decision !== 'approve' && comment.length < 2) {
      form.setFields([{ name: 'comment', errors: [t('classes.review.commentRequired')] }]);
      return;
    }
    setPending(decision);
    decide.mutate(
      { id: change.id, decision, comment },
      {
        onSuccess: () => {
          void message.success(t(`classes.changes.done.${decision}`));
          onClose();
        },
        onError: (cause) => {
          if (isApiError(cause, 'CLASS_REASON_REQUIRED'))
            form.setFields([{ name: 'comment', errors: [cause.localized(i18n.language)] }]);
          else setError(cause);
        },
        onSettled: () => setPending(null),
      },
    );
  };

  const footer = (
    <Flex gap={8} justify="flex-end" wrap>
      {/* On a phone the three decisions need the width; the dialog's × still closes it. */}
      {!mobile && <Button onClick={onClose}>{t('common.cancel')}</Button>}
      <Button
        danger
        icon={<StopOutlined />}
        loading={pending === 'reject'}
        disabled={!!pending}
        onClick={() => void act('reject')}
        data-testid="change-reject"
      >
        {t('classes.review.reject')}
      </Button>
      <Button
        icon={<RollbackOutlined />}
        loading={pending === 'return'}
        disabled={!!pending}
        onClick={() => void act('return')}
        data-testid="change-return"
      >
        {t('classes.review.return')}
      </Button>
      <Button
        type="primary"
        icon={<CheckOutlined />}
        loading={pending === 'approve'}
        disabled={!!pending}
        onClick={() => void act('approve')}
        data-testid="change-approve"
      >
        {t('classes.review.approve')}
      </Button>
    </Flex>
  );

  return (
    <Modal
      open={change !== null}
      title={t('classes.changes.reviewTitle')}
      onCancel={onClose}
      footer={footer}
      width={820}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {change && (
        <Flex vertical gap={12} data-testid="change-review">
          {context && (
            <Typography.Text strong>
              {t('classes.changes.classLine', { name: context.className, institution: context.institutionName })}{' '}
              <Link to={`/classes/${change.classId}?tab=changes`} onClick={onClose}>
                {t('classes.changes.openClass')}
              </Link>
            </Typography.Text>
          )}
          <Descriptions size="small" column={mobile ? 1 : 2} bordered={!mobile}>
            <Descriptions.Item label={t('classes.changes.kind')}>
              <Tag color="blue">{t(`classes.changes.kinds.${change.kind}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('classes.review.deadline')}>
              <Flex gap={6} wrap align="center">
                <Typography.Text type={change.overdue ? 'danger' : undefined}>
                  {formatMinute(change.reviewDueAt, i18n.language)}
                </Typography.Text>
                {change.overdue && <OverdueTag />}
                <Typography.Text type="secondary" className="yx-cl-sub">
                  {t('classes.changes.submittedAt', { time: formatMinute(change.submittedAt, i18n.language) })}
                </Typography.Text>
              </Flex>
            </Descriptions.Item>
            <Descriptions.Item label={t('classes.changes.reason')} span={mobile ? 1 : 2}>
              <span className="yx-cl-pre">{change.reason}</span>
            </Descriptions.Item>
          </Descriptions>
          <ChangeDiff change={change} />
          <Alert type="info" showIcon title={t('classes.changes.approveBody')} />
          <ErrorAlert error={error} />
          <Form form={form} name="change_review" layout="vertical">
            <Form.Item
              name="comment"
              label={t('classes.review.comment')}
              extra={t('classes.changes.commentHint')}
              style={{ marginBottom: 0 }}
            >
              <Input.TextArea
                rows={3}
                maxLength={1000}
                showCount
                placeholder={t('classes.review.commentPlaceholder')}
              />
            </Form.Item>
          </Form>
        </Flex>
      )}
    </Modal>
  );
}
