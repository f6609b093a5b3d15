import { Button, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, Role } from '../../api/types';
import { useInstitutions } from '../institutions/api';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { showFieldError } from '../../ui/form-errors';
import { nameRules, phoneRules } from '../../ui/validators';
import { useCreateInvitation, useRegions, type InvitationInput } from './api';
import { CreatedInvitationNotice } from './CreatedInvitationNotice';
import { INVITABLE, scopeField } from './roles';

const FIELDS = ['role', 'name', 'phone', 'regionCode', 'institutionId'];

export function InvitationForm({ me }: { me: Me }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<InvitationInput>();
  const [formError, setFormError] = useState<unknown>(null);
  const create = useCreateInvitation();
  const inviter = me.user.role;
  const roles = INVITABLE[inviter] ?? [];
  const invited = Form.useWatch('role', form) as Role | undefined;
  const scope = scopeField(inviter, invited);
  const regions = useRegions(inviter === 'regulator' ? me.user.regionCode : null, scope === 'regionCode');
  const institutions = useInstitutions(undefined, scope === 'institutionId');

  const onFinish = (values: InvitationInput) => {
    setFormError(null);
    const input: InvitationInput = { role: values.role, name: values.name.trim(), phone: values.phone.trim() };
    if (scope === 'regionCode') input.regionCode = values.regionCode;
    if (scope === 'institutionId') input.institutionId = values.institutionId;
    create.mutate(input, {
      onSuccess: () => form.resetFields(['name', 'phone']),
      onError: (error) => {
        if (!showFieldError(form, error, i18n.language, FIELDS)) setFormError(error);
      },
    });
  };

  return (
    <>
      {create.data && (
        <CreatedInvitationNotice invitation={create.data.invitation} name={create.variables?.name ?? ''} />
      )}
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<InvitationInput>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={{ role: roles[0] }}
        name="invitation"
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="role"
              label={t('invitations.role')}
              rules={[{ required: true, message: t('validation.roleRequired') }]}
            >
              <Select options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))} />
            </Form.Item>
          </Col>
          {scope === 'regionCode' && (
            <Col xs={24} md={12}>
              <Form.Item
                name="regionCode"
                label={t('invitations.region')}
                rules={[{ required: true, message: t('validation.regionRequired') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={regions.isFetching}
                  placeholder={t('invitations.regionPlaceholder')}
                  options={(regions.data?.items ?? []).map((region) => ({ value: region.code, label: region.name }))}
                />
              </Form.Item>
            </Col>
          )}
          {scope === 'institutionId' && (
            <Col xs={24} md={12}>
              <Form.Item
                name="institutionId"
                label={t('invitations.institution')}
                rules={[{ required: true, message: t('validation.institutionRequired') }]}
              >
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={institutions.isFetching}
                  placeholder={t('invitations.institutionPlaceholder')}
                  options={(institutions.data?.items ?? []).map((item) => ({ value: item.id, label: item.name }))}
                />
              </Form.Item>
            </Col>
          )}
          <Col xs={24} md={12}>
            <Form.Item name="name" label={t('invitations.name')} rules={nameRules(t)}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('invitations.phone')} rules={phoneRules(t)}>
              <Input inputMode="numeric" maxLength={11} />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={create.isPending}>
          {t('invitations.submit')}
        </Button>
      </Form>
    </>
  );
}
