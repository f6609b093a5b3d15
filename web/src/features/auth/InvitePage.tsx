import { Alert, Button, Descriptions, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { isApiError } from '../../api/client';
import { AuthLayout } from '../../ui/AuthLayout';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { showFieldError } from '../../ui/form-errors';
import { QueryState } from '../../ui/QueryState';
import { RoleTag } from '../../ui/RoleTag';
import { confirmRules, idNumberRules, normalizeIdNumber, passwordRules } from '../../ui/validators';
import { useAcceptInvitation, useInvitation } from './api';
import { loginPath } from './notices';

type Values = { idNumber: string; password: string; confirmPassword: string };

export function InvitePage() {
  const { t, i18n } = useTranslation();
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation(token);
  const [formError, setFormError] = useState<unknown>(null);
  const data = invitation.data?.invitation;
  // A malformed token is refused by validation (400 on `token`); to the visitor it is the same as an unknown one.
  const notFound =
    isApiError(invitation.error) && (invitation.error.status === 404 || invitation.error.field === 'token');

  const onFinish = (values: Values) => {
    setFormError(null);
    accept.mutate(
      { idNumber: normalizeIdNumber(values.idNumber), password: values.password },
      {
        onSuccess: () => navigate(loginPath('invitationAccepted')),
        onError: (error) => {
          if (!showFieldError(form, error, i18n.language, ['idNumber', 'password'])) setFormError(error);
        },
      },
    );
  };

  return (
    <AuthLayout title={t('auth.invite.title')} wide>
      {notFound ? (
        <Alert type="error" showIcon title={t('auth.invite.notFound')} />
      ) : (
        <QueryState loading={invitation.isPending} error={invitation.error} onRetry={() => void invitation.refetch()}>
          {data && (
            <>
              <Alert
                type="info"
                title={t('auth.invite.intro', { name: data.name, role: t(`roles.${data.role}`) })}
                className="yx-form-alert"
              />
              <Descriptions
                column={1}
                size="small"
                bordered
                style={{ marginBottom: 24 }}
                styles={{ label: { whiteSpace: 'nowrap' } }}
                items={[
                  { key: 'role', label: t('auth.invite.role'), children: <RoleTag role={data.role} /> },
                  { key: 'name', label: t('auth.invite.name'), children: data.name },
                  { key: 'phone', label: t('auth.invite.phone'), children: data.phoneMasked },
                  {
                    key: 'org',
                    label: t('auth.invite.organisation'),
                    children: [data.institutionName, data.regionName].filter(Boolean).join(' · ') || '—',
                  },
                  {
                    key: 'expires',
                    label: t('auth.invite.expiresAt'),
                    children: formatDateTime(data.expiresAt, i18n.language),
                  },
                ]}
              />
              {data.status !== 'pending' ? (
                <Alert type="warning" showIcon title={t('auth.invite.notPending')} />
              ) : (
                <>
                  <ErrorAlert error={formError} className="yx-form-alert" />
                  <Form<Values> form={form} layout="vertical" onFinish={onFinish} name="accept-invitation">
                    <Form.Item
                      name="idNumber"
                      label={t('auth.invite.idNumber')}
                      rules={idNumberRules(t)}
                      validateTrigger="onBlur"
                      extra={t('auth.invite.idNumberHelp')}
                    >
                      <Input maxLength={18} autoComplete="off" />
                    </Form.Item>
                    <Form.Item name="password" label={t('auth.invite.password')} rules={passwordRules(t)}>
                      <Input.Password autoComplete="new-password" />
                    </Form.Item>
                    <Form.Item
                      name="confirmPassword"
                      label={t('auth.invite.confirmPassword')}
                      dependencies={['password']}
                      rules={confirmRules(t, 'password')}
                    >
                      <Input.Password autoComplete="new-password" />
                    </Form.Item>
                    <Button type="primary" htmlType="submit" size="large" block loading={accept.isPending}>
                      {t('auth.invite.submit')}
                    </Button>
                  </Form>
                </>
              )}
            </>
          )}
        </QueryState>
      )}
    </AuthLayout>
  );
}
