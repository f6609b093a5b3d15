import { Alert, App, Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { User } from '../../api/types';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useUpdateStatus } from './api';
import { ReasonForm, type ReasonValues } from './ReasonForm';

/** Disables an active account or enables a disabled one, with a reason. */
export function StatusDialog({ user, onClose }: { user: User; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReasonValues>();
  const update = useUpdateStatus();
  const disabling = user.status !== 'disabled';

  const onFinish = ({ reason }: ReasonValues) => {
    update.mutate(
      { id: user.id, status: disabling ? 'disabled' : 'active', reason: reason.trim() },
      {
        onSuccess: () => {
          void message.success(t(disabling ? 'users.disabledDone' : 'users.enabledDone', { name: user.name }));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t(disabling ? 'users.disableTitle' : 'users.enableTitle', { name: user.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t(disabling ? 'users.disable' : 'users.enable')}
      okButtonProps={{ danger: disabling }}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Alert
        type={disabling ? 'warning' : 'info'}
        showIcon
        title={t(disabling ? 'users.disableNotice' : 'users.enableNotice')}
        className="yx-form-alert"
      />
      <ErrorAlert error={update.error} className="yx-form-alert" />
      <ReasonForm form={form} placeholder={t('users.statusReasonPlaceholder')} onFinish={onFinish} />
    </Modal>
  );
}
