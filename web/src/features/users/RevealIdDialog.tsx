import { Alert, Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useRevealIdNumber } from './api';
import { ReasonForm, type ReasonValues } from './ReasonForm';

/** Asks why, then shows the full ID number (the server records the reason in the audit log). */
export function RevealIdDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ReasonValues>();
  const reveal = useRevealIdNumber();
  const revealed = reveal.data?.idNumber;

  return (
    <Modal
      open
      title={t('users.reveal.title', { name: user.name })}
      onCancel={onClose}
      onOk={revealed ? onClose : () => form.submit()}
      okText={revealed ? t('common.close') : t('users.reveal.submit')}
      cancelButtonProps={revealed ? { style: { display: 'none' } } : undefined}
      confirmLoading={reveal.isPending}
      destroyOnHidden
    >
      {revealed ? (
        <div data-testid="revealed-id-number">
          <Typography.Text type="secondary">{t('users.reveal.result')}</Typography.Text>
          <Typography.Paragraph copyable className="yx-mono" style={{ fontSize: 20, marginTop: 4 }}>
            {revealed}
          </Typography.Paragraph>
        </div>
      ) : (
        <>
          <Alert type="warning" showIcon title={t('users.reveal.notice')} className="yx-form-alert" />
          <ErrorAlert error={reveal.error} className="yx-form-alert" />
          <ReasonForm
            form={form}
            placeholder={t('users.reveal.reasonPlaceholder')}
            onFinish={({ reason }) => reveal.mutate({ id: user.id, reason: reason.trim() })}
          />
        </>
      )}
    </Modal>
  );
}
