import { App, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useLogin } from '../../api/auth';
import { AuthLayout } from '../../ui/AuthLayout';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { idNumberRules, nameRules, normalizeIdNumber, passwordRules, phoneRules } from '../../ui/validators';
import { useRegisterInstitution } from './api';
import { normalizeCreditCode } from './credit-code';
import { InstitutionFormFields, showNestedFieldError } from './InstitutionFormFields';
import type { AdminFields, InstitutionFields } from './types';
import './institutions.css';

type Values = { institution: InstitutionFields; admin: AdminFields & { confirmPassword: string } };

const KNOWN_FIELDS = [
  'institution.name',
  'institution.kind',
  'institution.creditCode',
  'institution.regionCode',
  'institution.address',
  'institution.legalRepresentative',
  'institution.contactName',
  'institution.contactPhone',
  'institution.businessScope',
  'admin.name',
  'admin.idNumber',
  'admin.phone',
  'admin.password',
] as const;

/** Public: an institution and its first administrator in one form; the administrator is signed in at once. */
export function RegisterInstitutionPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const register = useRegisterInstitution();
  const login = useLogin();
  const [formError, setFormError] = useState<unknown>(null);

  const onFinish = ({ institution, admin }: Values) => {
    setFormError(null);
    const input = {
      institution: {
        ...institution,
        name: institution.name.trim(),
        creditCode: normalizeCreditCode(institution.creditCode),
        address: institution.address.trim(),
        legalRepresentative: institution.legalRepresentative.trim(),
        contactName: institution.contactName.trim(),
        contactPhone: institution.contactPhone.trim(),
        businessScope: institution.businessScope.trim(),
      },
      admin: {
        name: admin.name.trim(),
        idNumber: normalizeIdNumber(admin.idNumber),
        phone: admin.phone.trim(),
        password: admin.password,
      },
    };
    register.mutate(input, {
      onSuccess: () => {
        login.mutate(
          { login: input.admin.phone, password: input.admin.password },
          {
            onSuccess: () => {
              void message.success(t('institutions.register.done'));
              void navigate('/my-institution', { replace: true });
            },
            // Registered but not signed in (a throttle, say): the sign-in page takes it from here.
            onError: () => navigate('/login', { replace: true }),
          },
        );
      },
      onError: (error) => {
        if (!showNestedFieldError(form, error, i18n.language, KNOWN_FIELDS)) setFormError(error);
      },
    });
  };

  return (
    <AuthLayout title={t('institutions.register.title')} subtitle={t('institutions.register.subtitle')} wide>
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        name="apply"
        scrollToFirstError
        initialValues={{ institution: { kind: 'training' } }}
      >
        <Typography.Title level={5} className="yx-in-part">
          {t('institutions.register.partInstitution')}
        </Typography.Title>
        <InstitutionFormFields prefix="institution" />

        <Typography.Title level={5} className="yx-in-part">
          {t('institutions.register.partAdmin')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" className="yx-in-sub">
          {t('institutions.register.adminHint')}
        </Typography.Paragraph>
        <Form.Item name={['admin', 'name']} label={t('auth.register.name')} rules={nameRules(t)}>
          <Input placeholder={t('auth.register.namePlaceholder')} autoComplete="name" maxLength={30} />
        </Form.Item>
        <Form.Item
          name={['admin', 'idNumber']}
          label={t('auth.register.idNumber')}
          rules={idNumberRules(t)}
          validateTrigger="onBlur"
          extra={t('auth.register.privacy')}
        >
          <Input placeholder={t('auth.register.idNumberPlaceholder')} maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name={['admin', 'phone']}
          label={t('auth.register.phone')}
          rules={phoneRules(t)}
          validateTrigger="onBlur"
        >
          <Input
            placeholder={t('auth.register.phonePlaceholder')}
            inputMode="numeric"
            maxLength={11}
            autoComplete="tel"
          />
        </Form.Item>
        <Form.Item name={['admin', 'password']} label={t('auth.register.password')} rules={passwordRules(t)}>
          <Input.Password placeholder={t('auth.register.passwordPlaceholder')} autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name={['admin', 'confirmPassword']}
          label={t('auth.register.confirmPassword')}
          dependencies={[['admin', 'password']]}
          rules={[
            { required: true, message: t('validation.confirmRequired') },
            ({ getFieldValue }) => ({
              validator: async (_, value: string | undefined) => {
                if (value && value !== getFieldValue(['admin', 'password']))
                  throw new Error(t('validation.confirmMismatch'));
              },
            }),
          ]}
        >
          <Input.Password placeholder={t('auth.register.confirmPlaceholder')} autoComplete="new-password" />
        </Form.Item>
        <Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={register.isPending || login.isPending}
            data-testid="apply-submit"
          >
            {t('institutions.register.submit')}
          </Button>
        </Form.Item>
      </Form>
      <Typography.Text type="secondary">{t('institutions.register.hasAccount')}</Typography.Text>{' '}
      <Link to="/login">{t('institutions.register.login')}</Link>
    </AuthLayout>
  );
}
