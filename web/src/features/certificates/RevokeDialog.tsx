import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useRevoke } from './api';
import type { Certificate } from './types';

/** 撤销证书: the regulator revokes a certificate, always with a written reason. */
export function RevokeDialog({ target, onClose }: { target: Certificate | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const revoke = useRevoke();
  const [error, setError] = useState<unknown>(null);

  const onFinish = ({ reason }: { reason: string }) => {
    if (!target) return;
    setError(null);
    revoke.mutate(
      { id: target.id, reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t('certificates.revokeDialog.done'));
          onClose();
        },
        onError: (cause) => {
          if (isApiError(cause, 'CERTIFICATE_REASON_REQUIRED'))
            form.setFields([{ name: 'reason', errors: [cause.localized(i18n.language)] }]);
          else setError(cause);
        },
      },
    );
  };

  return (
    <Modal
      open={target !== null}
      title={target ? t('certificates.revokeDialog.title', { number: target.number }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('certificates.revokeDialog.confirm')}
      okButtonProps={{ danger: true, id: 'certificate-revoke-confirm' }}
      cancelText={t('common.cancel')}
      confirmLoading={revoke.isPending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('certificates.revokeDialog.body')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ reason: target?.revocationProposal?.reason ?? '' }}
      >
        <Form.Item
          name="reason"
          label={t('certificates.revokeDialog.reason')}
          rules={[{ required: true, whitespace: true, message: t('certificates.revokeDialog.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount data-testid="certificate-revoke-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
