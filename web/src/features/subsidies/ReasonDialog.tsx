import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';

type Props = {
  open: boolean;
  title: string;
  body: string;
  okText: string;
  danger?: boolean;
  pending: boolean;
  /** Resolves when done (the dialog closes), rejects with the server's error (shown in the dialog). */
  onSubmit: (reason: string) => Promise<unknown>;
  onClose: () => void;
};

/** A rejection or a return: always with a written reason (2–500 characters, as the server asks). */
export function ReasonDialog({ open, title, body, okText, danger, pending, onSubmit, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<unknown>(null);
  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };
  const onFinish = ({ reason }: { reason: string }) => {
    setError(null);
    onSubmit(reason.trim()).then(close, (cause: unknown) => {
      if (isApiError(cause, 'SUBSIDY_REASON_REQUIRED'))
        form.setFields([{ name: 'reason', errors: [cause.localized(i18n.language)] }]);
      else setError(cause);
    });
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={close}
      onOk={() => form.submit()}
      okText={okText}
      okButtonProps={{ danger, id: 'reason-submit' }}
      cancelText={t('common.cancel')}
      confirmLoading={pending}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{body}</Typography.Paragraph>
      <ErrorAlert error={error} className="yx-form-alert" />
      <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="reason"
          label={t('subsidies.fields.reason')}
          rules={[
            { required: true, whitespace: true, message: t('subsidies.detail.reasonRequired') },
            { min: 2, message: t('subsidies.detail.reasonRequired') },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="reason-input" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
