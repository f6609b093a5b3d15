import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useGeneralModules } from '../authoring/api';
import { named } from '../authoring/types';
import { fieldLabelKey, POLICY_FIELDS, readField, toFormValue, type PolicyField } from './policy-fields';
import type { PolicyDocument, PolicyOverride } from './types';

/** One value as read: "45 分钟", "50%", the names of the general modules. */
export function PolicyValue({ field, value }: { field: PolicyField; value: unknown }) {
  const { t, i18n } = useTranslation();
  const modules = useGeneralModules(field.kind === 'modules');
  if (value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  if (field.kind === 'modules') {
    const codes = value as string[];
    if (codes.length === 0) return <Typography.Text type="secondary">{t('manage.policy.noModules')}</Typography.Text>;
    return (
      <Flex gap={4} wrap>
        {codes.map((code) => {
          const found = modules.data?.find((m) => m.code === code);
          return <Tag key={code}>{found ? named(found.name, i18n.language) : code}</Tag>;
        })}
      </Flex>
    );
  }
  if (field.kind === 'boolean') return <>{t(value ? 'manage.policy.on' : 'manage.policy.off')}</>;
  const shown = toFormValue(field, value);
  if (field.kind === 'percent') return <>{shown}%</>;
  return <>{field.unit ? t(`manage.policy.units.${field.unit}`, { value: shown }) : String(shown)}</>;
}

/** A whole document, or only the fields an override sets. */
export function PolicyDocumentView({
  document,
  onlySet,
  columns = 2,
}: {
  document: PolicyDocument | PolicyOverride;
  onlySet?: boolean;
  columns?: number;
}) {
  const { t } = useTranslation();
  // The list of modules takes a whole row, after the figures, so the two-column grid stays even.
  const fields = POLICY_FIELDS.filter((f) => !onlySet || readField(document, f) !== undefined).sort(
    (a, b) => Number(a.kind === 'modules') - Number(b.kind === 'modules'),
  );
  if (fields.length === 0)
    return <Typography.Text type="secondary">{t('manage.policy.emptyOverride')}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 1, md: columns }}
      styles={{ label: { width: columns === 1 ? '42%' : '22%', minWidth: 110 } }}
      items={fields.map((field) => ({
        key: field.key,
        label: t(fieldLabelKey(field)),
        span: field.kind === 'modules' ? 'filled' : undefined,
        children: <PolicyValue field={field} value={readField(document, field)} />,
      }))}
    />
  );
}
