import { Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useRegister } from '../../api/auth';
import { AuthLayout } from '../../ui/AuthLayout';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { showFieldError } from '../../ui/form-errors';
import {
  confirmRules,
  idNumberRules,
  nameRules,
  normalizeIdNumber,
  passwordRules,
  phoneRules,
} from '../../ui/validators';
import { loginPath } from './notices';

type Values = { name: string; idNumber: string; phone: string; password: string; confirmPassword: string };
const FIELDS = ['name', 'idNumber', 'phone', 'password'] as const;

export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const register = useRegister();
  const [formError, setFormError] = useState<unknown>(null);

  const onFinish = (values: Values) => {
    setFormError(null);
    const input = {
      name: values.name.trim(),
      idNumber: normalizeIdNumber(values.idNumber),
      phone: values.phone.trim(),
      password: values.password,
    };
    register.mutate(input, {
      onSuccess: () => navigate(loginPath('registered')),
      onError: (error) => {
        if (!showFieldError(form, error, i18n.language, FIELDS)) setFormError(error);
      },
    });
  };

  return (
    <AuthLayout title={t('auth.register.title')} subtitle={t('auth.register.subtitle')}>
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} name="register" scrollToFirstError>
        <Form.Item name="name" label={t('auth.register.name')} rules={nameRules(t)}>
          <Input placeholder={t('auth.register.namePlaceholder')} autoComplete="name" maxLength={30} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label={t('auth.register.idNumber')}
          rules={idNumberRules(t)}
          validateTrigger="onBlur"
          extra={t('auth.register.privacy')}
        >
          <Input placeholder={t('auth.register.idNumberPlaceholder')} maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label={t('auth.register.phone')} rules={phoneRules(t)} validateTrigger="onBlur">
          <Input
            placeholder={t('auth.register.phonePlaceholder')}
            inputMode="numeric"
            maxLength={11}
            autoComplete="tel"
          />
        </Form.Item>
        <Form.Item name="password" label={t('auth.register.password')} rules={passwordRules(t)}>
          <Input.Password placeholder={t('auth.register.passwordPlaceholder')} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirmPassword"
          label={t('auth.register.confirmPassword')}
          dependencies={['password']}
          rules={confirmRules(t, 'password')}
        >
          <Input.Password placeholder={t('auth.register.confirmPlaceholder')} autoComplete="new-password" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" size="large" block loading={register.isPending}>
            {t('auth.register.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('auth.register.hasAccount')}</Typography.Text>{' '}
      <Link to="/login">{t('auth.register.login')}</Link>
    </AuthLayout>
  );
}
