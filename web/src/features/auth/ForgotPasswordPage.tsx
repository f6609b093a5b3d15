import { Alert, Button, Form, Input, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { AuthLayout } from '../../ui/AuthLayout';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { showFieldError } from '../../ui/form-errors';
import { confirmRules, passwordRules, phoneRules } from '../../ui/validators';
import { useConfirmReset, useRequestResetCode } from './api';
import { loginPath } from './notices';

type ResetValues = { code: string; newPassword: string; confirmPassword: string };

export function ForgotPasswordPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [phone, setPhone] = useState<string | null>(null);
  const [validMinutes, setValidMinutes] = useState(5);
  const [resetForm] = Form.useForm<ResetValues>();
  const [resetError, setResetError] = useState<unknown>(null);
  const requestCode = useRequestResetCode();
  const confirm = useConfirmReset();

  const sendCode = (value: string) => {
    requestCode.mutate(value, {
      onSuccess: (result) => {
        setPhone(value);
        setValidMinutes(Math.max(1, Math.round((result?.expiresInSeconds ?? 300) / 60)));
      },
    });
  };

  const onReset = (values: ResetValues) => {
    if (!phone) return;
    setResetError(null);
    confirm.mutate(
      { phone, code: values.code.trim(), newPassword: values.newPassword },
      {
        onSuccess: () => navigate(loginPath('passwordReset')),
        onError: (error) => {
          if (!showFieldError(resetForm, error, i18n.language, ['code', 'newPassword'], { password: 'newPassword' })) {
            setResetError(error);
          }
        },
      },
    );
  };

  return (
    <AuthLayout title={t('auth.forgot.title')}>
      <Steps
        size="small"
        current={phone ? 1 : 0}
        items={[{ title: t('auth.forgot.stepPhone') }, { title: t('auth.forgot.stepReset') }]}
        style={{ marginBottom: 24 }}
        responsive={false}
      />
      {phone === null ? (
        <>
          <ErrorAlert error={requestCode.error} className="yx-form-alert" />
          <Form<{ phone: string }>
            layout="vertical"
            onFinish={(values) => sendCode(values.phone.trim())}
            name="reset-request"
          >
            <Form.Item name="phone" label={t('auth.forgot.phone')} rules={phoneRules(t)}>
              <Input
                placeholder={t('auth.forgot.phonePlaceholder')}
                inputMode="numeric"
                maxLength={11}
                autoComplete="tel"
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={requestCode.isPending}>
              {t('auth.forgot.send')}
            </Button>
          </Form>
        </>
      ) : (
        <>
          <Alert
            type="success"
            showIcon
            title={t('auth.forgot.sent', { minutes: validMinutes })}
            className="yx-form-alert"
          />
          <ErrorAlert error={resetError} className="yx-form-alert" />
          <Form<ResetValues> form={resetForm} layout="vertical" onFinish={onReset} name="reset-confirm">
            <Form.Item
              name="code"
              label={t('auth.forgot.code')}
              rules={[{ required: true, message: t('validation.codeRequired') }]}
            >
              <Input
                placeholder={t('auth.forgot.codePlaceholder')}
                inputMode="numeric"
                maxLength={8}
                autoComplete="one-time-code"
              />
            </Form.Item>
            <Form.Item name="newPassword" label={t('auth.forgot.newPassword')} rules={passwordRules(t)}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Form.Item
              name="confirmPassword"
              label={t('auth.forgot.confirmPassword')}
              dependencies={['newPassword']}
              rules={confirmRules(t, 'newPassword')}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" size="large" block loading={confirm.isPending}>
              {t('auth.forgot.submit')}
            </Button>
            <Button type="link" block onClick={() => setPhone(null)} style={{ marginTop: 8 }}>
              {t('auth.forgot.changePhone')}
            </Button>
          </Form>
        </>
      )}
      <div style={{ marginTop: 16, textAlign: 'center' }}>
        <Link to="/login">{t('auth.forgot.backToLogin')}</Link>
      </div>
    </AuthLayout>
  );
}
