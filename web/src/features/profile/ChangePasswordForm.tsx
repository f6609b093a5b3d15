import { App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { showFieldError } from '../../ui/form-errors';
import { confirmRules, passwordRules } from '../../ui/validators';
import { useChangePassword } from './api';

type Values = { currentPassword: string; newPassword: string; confirmPassword: string };

export function ChangePasswordForm() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useChangePassword();
  const [formError, setFormError] = useState<unknown>(null);

  const onFinish = (values: Values) => {
    setFormError(null);
    change.mutate(
      { currentPassword: values.currentPassword, newPassword: values.newPassword },
      {
        onSuccess: () => {
          form.resetFields();
          void message.success(t('profile.password.done'));
        },
        onError: (error) => {
          const fields = ['currentPassword', 'newPassword'];
          if (!showFieldError(form, error, i18n.language, fields, { password: 'newPassword' })) setFormError(error);
        },
      },
    );
  };

  return (
    <Card title={t('profile.password.title')}>
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} name="change-password" style={{ maxWidth: 420 }}>
        <Form.Item
          name="currentPassword"
          label={t('profile.password.current')}
          rules={[{ required: true, message: t('validation.passwordRequired') }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label={t('profile.password.next')} rules={passwordRules(t)}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('profile.password.confirm')}
          dependencies={['newPassword']}
          rules={confirmRules(t, 'newPassword')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('profile.password.submit')}
        </Button>
      </Form>
    </Card>
  );
}
