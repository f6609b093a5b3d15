import { CheckOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useDecideClass } from './api';
import type { ClassDetail, Decision } from './types';

type Props = {
  detail: ClassDetail;
  /** Approval refused because the class no longer passes its pre-checks: the page shows the items. */
  onPrecheckFailure: (error: unknown) => void;
};

/** 批准 / 退回修改 / 驳回, each confirmed in a dialog; returning and rejecting need a written reason. */
export function ReviewActions({ detail, onPrecheckFailure }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const decide = useDecideClass();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<{ comment: string }>();
  const may = (d: Decision) => detail.actions.includes(d);

  const open = (d: Decision) => {
    setError(null);
    form.resetFields();
    setDecision(d);
  };

  const onFinish = ({ comment }: { comment?: string }) => {
    if (!decision) return;
    setError(null);
    decide.mutate(
      { id: detail.id, decision, comment: (comment ?? '').trim() },
      {
        onSuccess: () => {
          void message.success(t(`classes.review.done.${decision}`));
          setDecision(null);
          void navigate('/reviews');
        },
        onError: (cause) => {
          if (isApiError(cause, 'CLASS_REASON_REQUIRED')) {
            form.setFields([{ name: 'comment', errors: [cause.localized(i18n.language)] }]);
          } else if (isApiError(cause, 'CLASS_PRECHECKS_FAILED')) {
            setDecision(null);
            onPrecheckFailure(cause);
          } else {
            setError(cause);
          }
        },
      },
    );
  };

  const needsReason = decision === 'return' || decision === 'reject';
  const titles: Record<Decision, string> = {
    approve: t('classes.review.approveTitle'),
    return: t('classes.review.returnTitle'),
    reject: t('classes.review.rejectTitle'),
  };

  return (
    <>
      <Space wrap>
        {may('approve') && (
          <Button type="primary" icon={<CheckOutlined />} onClick={() => open('approve')} data-testid="review-approve">
            {t('classes.review.approve')}
          </Button>
        )}
        {may('return') && (
          <Button icon={<RollbackOutlined />} onClick={() => open('return')} data-testid="review-return">
            {t('classes.review.return')}
          </Button>
        )}
        {may('reject') && (
          <Button danger icon={<StopOutlined />} onClick={() => open('reject')} data-testid="review-reject">
            {t('classes.review.reject')}
          </Button>
        )}
      </Space>
      <Modal
        open={decision !== null}
        title={decision ? titles[decision] : undefined}
        onCancel={() => setDecision(null)}
        onOk={() => form.submit()}
        okText={decision ? t(`classes.review.${decision}`) : undefined}
        okButtonProps={{ danger: decision === 'reject', id: 'review-submit' }}
        cancelText={t('common.cancel')}
        confirmLoading={decide.isPending}
        mask={{ closable: false }}
        destroyOnHidden
      >
        <Typography.Paragraph strong className="yx-cl-modal-class">
          {t('classes.review.className', { name: detail.name, institution: detail.institutionName })}
        </Typography.Paragraph>
        {decision === 'approve' && (
          <Alert type="info" showIcon className="yx-form-alert" title={t('classes.review.approveBody')} />
        )}
        {decision === 'reject' && (
          <Alert type="warning" showIcon className="yx-form-alert" title={t('classes.review.rejectBody')} />
        )}
        <ErrorAlert error={error} className="yx-form-alert" />
        <Form form={form} name="review" layout="vertical" onFinish={onFinish}>
          <Form.Item
            name="comment"
            label={needsReason ? t('classes.review.comment') : t('classes.review.commentOptional')}
            rules={
              needsReason
                ? [{ required: true, whitespace: true, min: 2, message: t('classes.review.commentRequired') }]
                : []
            }
          >
            <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('classes.review.commentPlaceholder')} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
