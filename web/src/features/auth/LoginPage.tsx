import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useLogin, type LoginInput } from '../../api/auth';
import { AuthLayout } from '../../ui/AuthLayout';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { afterSignIn } from '../faces/api';
import { readNotice, safeNext } from './notices';

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const login = useLogin();
  const notice = readNotice(params);

  const onFinish = (values: LoginInput) => {
    login.mutate(
      { login: values.login.trim(), password: values.password },
      // A learner without an enrolled face is led to the face enrolment first (faces/api.ts).
      { onSuccess: async (me) => navigate(await afterSignIn(me, safeNext(params.get('next'))), { replace: true }) },
    );
  };

  return (
    <AuthLayout title={t('auth.login.title')} subtitle={t('auth.login.subtitle')}>
      {notice && !login.error && (
        <Alert
          type={notice === 'expired' ? 'warning' : 'success'}
          showIcon
          title={t(`auth.login.${notice}`)}
          style={{ marginBottom: 16 }}
          data-testid="login-notice"
        />
      )}
      <ErrorAlert error={login.error} className="yx-form-alert" />
      <Form<LoginInput> layout="vertical" requiredMark={false} onFinish={onFinish} size="large" name="login">
        <Form.Item
          name="login"
          label={t('auth.login.account')}
          rules={[{ required: true, whitespace: true, message: t('validation.loginRequired') }]}
        >
          <Input prefix={<UserOutlined />} placeholder={t('auth.login.accountPlaceholder')} autoComplete="username" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('auth.login.password')}
          rules={[{ required: true, message: t('validation.passwordRequired') }]}
        >
          <Input.Password
            prefix={<LockOutlined />}
            placeholder={t('auth.login.passwordPlaceholder')}
            autoComplete="current-password"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            {t('auth.login.submit')}
          </Button>
        </Form.Item>
      </Form>
      <div className="yx-auth-links">
        <span>
          <Typography.Text type="secondary">{t('auth.login.noAccount')}</Typography.Text>{' '}
          <Link to="/register">{t('auth.login.register')}</Link>
        </span>
        <Link to="/forgot-password">{t('auth.login.forgot')}</Link>
      </div>
      <div className="yx-auth-links" style={{ marginTop: 8 }}>
        <Link to="/register-institution" data-testid="register-institution-link">
          {t('institutions.register.loginLink')}
        </Link>
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0, fontSize: 12 }}>
        {t('auth.login.singleDevice')}
      </Typography.Paragraph>
    </AuthLayout>
  );
}
