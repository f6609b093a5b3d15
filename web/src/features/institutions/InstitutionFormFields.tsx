import { Form, Input, Select, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { PHONE_PATTERN } from '../../ui/validators';
import { RegionCascader } from '../manage/regions';
import { isValidCreditCode } from './credit-code';
import type { InstitutionKind } from './types';

const KINDS: readonly InstitutionKind[] = ['training', 'enterprise', 'college'];

/** The institution's part of the registration form (also the edit form of the application). */
export function InstitutionFormFields({ prefix, keptPhone }: { prefix?: 'institution'; keptPhone?: string | null }) {
  const { t } = useTranslation();
  const name = (field: string) => (prefix ? [prefix, field] : field);
  const kind = Form.useWatch(name('kind')) as InstitutionKind | undefined;
  return (
    <>
      <Form.Item
        name={name('name')}
        label={t('institutions.fields.name')}
        rules={[{ required: true, whitespace: true, min: 4, message: t('institutions.validation.nameRequired') }]}
      >
        <Input placeholder={t('institutions.placeholders.name')} maxLength={100} />
      </Form.Item>
      <Form.Item
        name={name('kind')}
        label={t('institutions.fields.kind')}
        rules={[{ required: true, message: t('institutions.validation.kindRequired') }]}
        extra={kind ? t(`institutions.kindHelp.${kind}`) : undefined}
      >
        <Select
          options={KINDS.map((k) => ({ value: k, label: t(`institutions.kind.${k}`) }))}
          placeholder={t('institutions.validation.kindRequired')}
        />
      </Form.Item>
      <Form.Item
        name={name('creditCode')}
        label={t('institutions.fields.creditCode')}
        required
        validateTrigger="onBlur"
        normalize={(v: string) => v.replace(/\s+/g, '').toUpperCase()}
        rules={[
          {
            validator: async (_, v: string | undefined) => {
              if (!v || !isValidCreditCode(v)) throw new Error(t('institutions.validation.creditCodeInvalid'));
            },
          },
        ]}
      >
        <Input
          placeholder={t('institutions.placeholders.creditCode')}
          maxLength={18}
          className="yx-mono"
          autoComplete="off"
        />
      </Form.Item>
      <Form.Item
        name={name('regionCode')}
        label={t('institutions.fields.region')}
        required
        rules={[
          {
            validator: async (_, v: string | null | undefined) => {
              if (!v || v.endsWith('0000')) throw new Error(t('institutions.validation.regionRequired'));
            },
          },
        ]}
      >
        <RegionCascader placeholder={t('institutions.placeholders.region')} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name={name('address')}
        label={t('institutions.fields.address')}
        rules={[{ required: true, whitespace: true, min: 4, message: t('institutions.validation.addressRequired') }]}
      >
        <Input placeholder={t('institutions.placeholders.address')} maxLength={200} />
      </Form.Item>
      <Form.Item
        name={name('legalRepresentative')}
        label={t('institutions.fields.legalRepresentative')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('institutions.validation.personRequired') }]}
      >
        <Input placeholder={t('institutions.placeholders.legalRepresentative')} maxLength={30} />
      </Form.Item>
      <Form.Item
        name={name('contactName')}
        label={t('institutions.fields.contactName')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('institutions.validation.personRequired') }]}
      >
        <Input placeholder={t('institutions.placeholders.contactName')} maxLength={30} />
      </Form.Item>
      <Form.Item
        name={name('contactPhone')}
        label={t('institutions.fields.contactPhone')}
        validateTrigger="onBlur"
        extra={keptPhone ? t('institutions.application.keptPhone', { phone: keptPhone }) : undefined}
        rules={[
          { required: !keptPhone, message: t('validation.phoneRequired') },
          { pattern: PHONE_PATTERN, message: t('validation.phoneInvalid') },
        ]}
      >
        <Input
          placeholder={keptPhone ?? t('institutions.placeholders.contactPhone')}
          inputMode="numeric"
          maxLength={11}
        />
      </Form.Item>
      <Form.Item
        name={name('businessScope')}
        label={t('institutions.fields.businessScope')}
        rules={[{ required: true, whitespace: true, min: 2, message: t('institutions.validation.scopeRequired') }]}
      >
        <Input.TextArea
          placeholder={t('institutions.placeholders.businessScope')}
          rows={3}
          maxLength={2000}
          showCount
        />
      </Form.Item>
    </>
  );
}

/**
 * Puts a server error on the field it names (`institution.creditCode`, `admin.idNumber`, or `creditCode` under
 * `prefix`); returns false when the form has no such field, so the caller shows the error above the form.
 */
export function showNestedFieldError(
  form: FormInstance,
  error: unknown,
  language: string,
  known: readonly string[],
  prefix?: string,
): boolean {
  if (!isApiError(error) || !error.field) return false;
  let path = error.field.split('.');
  if (prefix && path[0] === prefix) path = path.slice(1);
  if (!known.includes(path.join('.'))) return false;
  form.setFields([{ name: path, errors: [error.localized(language)] }]);
  form.scrollToField(path);
  return true;
}
