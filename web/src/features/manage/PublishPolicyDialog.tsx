import { QuestionCircleOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Spin,
  Switch,
  Tooltip,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { useMemo, useRef, useState, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useGeneralModules } from '../authoring/api';
import { named } from '../authoring/types';
import { useEffectivePolicy, usePolicyHistory, usePublishPolicy } from './api';
import { showPathError } from './form-errors';
import {
  buildDocument,
  fieldHelpKey,
  fieldLabelKey,
  fieldPath,
  formValues,
  overriddenKeys,
  POLICY_FIELDS,
  POLICY_GROUPS,
  type PolicyField,
} from './policy-fields';
import { RegionCascader, regionPath, useRegionName } from './regions';

type Values = Record<string, unknown> & { note?: string };
const TOP_FIELDS = [...new Set(POLICY_FIELDS.map((f) => fieldPath(f)[0]))];

function parentScope(code: string): string | null {
  const path = regionPath(code);
  return path.length > 1 ? path[path.length - 2] : null;
}

/** The input of one field; Form.Item hands it `id`, `value` and `onChange`, passed on to the control. */
function FieldInput({
  field,
  disabled,
  ...control
}: {
  field: PolicyField;
  disabled: boolean;
  id?: string;
  value?: unknown;
  onChange?: (value: unknown) => void;
}) {
  const { t, i18n } = useTranslation();
  const modules = useGeneralModules(field.kind === 'modules');
  if (field.kind === 'modules') {
    return (
      <Select
        {...(control as object)}
        mode="multiple"
        disabled={disabled}
        loading={modules.isFetching}
        placeholder={t('manage.policy.modulesPlaceholder')}
        options={(modules.data ?? []).map((m) => ({ value: m.code, label: named(m.name, i18n.language) }))}
        showSearch={{ optionFilterProp: 'label' }}
      />
    );
  }
  if (field.kind === 'boolean') {
    return (
      <Switch
        id={control.id}
        checked={control.value === true}
        onChange={(checked) => control.onChange?.(checked)}
        disabled={disabled}
        checkedChildren={t('manage.policy.on')}
        unCheckedChildren={t('manage.policy.off')}
      />
    );
  }
  const suffix = field.kind === 'percent' ? '%' : field.unit ? t(`manage.policy.unitNames.${field.unit}`) : undefined;
  return (
    <InputNumber
      {...(control as object)}
      disabled={disabled}
      min={field.min}
      max={field.max}
      step={field.step ?? 1}
      precision={field.kind === 'integer' ? 0 : undefined}
      suffix={suffix}
      style={{ width: '100%' }}
    />
  );
}

type FormProps = {
  formRef: MutableRefObject<FormInstance<Values> | null>;
  national: boolean;
  initialValues: Values;
  initialOverridden: string[];
  inheritedValues: Record<string, unknown>;
  onSubmit: (values: Values, overridden: string[], form: FormInstance<Values>) => void;
};

/** The fields of one scope; mounted afresh for each scope so its values start from that scope's latest version. */
function PolicyForm({ formRef, national, initialValues, initialOverridden, inheritedValues, onSubmit }: FormProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [overridden, setOverridden] = useState<string[]>(initialOverridden);
  formRef.current = form;

  const toggle = (field: PolicyField, on: boolean) => {
    setOverridden((keys) => (on ? [...keys, field.key] : keys.filter((k) => k !== field.key)));
    if (!on) {
      // Back to the inherited value, which is what applies without an override.
      const path = fieldPath(field);
      form.setFieldValue(
        path,
        path.length === 1 ? inheritedValues[path[0]] : (inheritedValues[path[0]] as Record<string, unknown>)[path[1]],
      );
      form.setFields([{ name: path, errors: [] }]);
    }
  };

  return (
    <Form<Values>
      form={form}
      name="policy"
      layout="vertical"
      initialValues={initialValues}
      onFinish={(values) => onSubmit(values, overridden, form)}
    >
      {POLICY_GROUPS.map((group) => (
        <fieldset key={group.key} className="yx-mg-fieldset">
          <legend>{t(`manage.policy.groups.${group.key}`)}</legend>
          <Row gutter={16}>
            {group.fields.map((field) => {
              const on = national || overridden.includes(field.key);
              const label = (
                <span className="yx-mg-field-label">
                  {!national && (
                    <Checkbox
                      checked={on}
                      onChange={(event) => toggle(field, event.target.checked)}
                      aria-label={t('manage.policy.overrideField', { field: t(fieldLabelKey(field)) })}
                      data-field={field.key}
                    />
                  )}
                  <span>{t(fieldLabelKey(field))}</span>
                  <Tooltip title={t(fieldHelpKey(field))}>
                    <QuestionCircleOutlined className="yx-mg-help" />
                  </Tooltip>
                </span>
              );
              return (
                <Col
                  key={field.key}
                  xs={24}
                  sm={field.kind === 'modules' ? 24 : 12}
                  md={field.kind === 'modules' ? 24 : 8}
                >
                  <Form.Item
                    name={fieldPath(field)}
                    label={label}
                    required={national}
                    extra={!national && !on ? t('manage.policy.inherited') : undefined}
                    rules={on ? [{ required: true, message: t('manage.policy.valueRequired') }] : []}
                  >
                    <FieldInput field={field} disabled={!on} />
                  </Form.Item>
                </Col>
              );
            })}
          </Row>
        </fieldset>
      ))}
      <Form.Item
        name="note"
        label={t('manage.policy.note')}
        required
        rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('manage.policy.noteRule') }]}
      >
        <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('manage.policy.notePlaceholder')} />
      </Form.Item>
      {!national && (
        <Typography.Text type="secondary">
          {t('manage.policy.overrideCount', { count: overridden.length })}
        </Typography.Text>
      )}
    </Form>
  );
}

/** Publishes a new version: the whole national document, or a region's override of only the fields ticked. */
export function PublishPolicyDialog({
  initialScope,
  onClose,
  onPublished,
}: {
  initialScope: string;
  onClose: () => void;
  onPublished: (scope: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const formRef = useRef<FormInstance<Values> | null>(null);
  const [kind, setKind] = useState<'national' | 'region'>(initialScope === 'national' ? 'national' : 'region');
  const [region, setRegion] = useState<string | null>(initialScope === 'national' ? null : initialScope);
  const [formError, setFormError] = useState<unknown>(null);
  const [nothingSet, setNothingSet] = useState(false);
  const publish = usePublishPolicy();
  const national = kind === 'national';
  const scope = national ? 'national' : region;
  const regionName = useRegionName(region, true);

  // What a region inherits: the effective policy of its parent (national for a province).
  const inherited = useEffectivePolicy(!national && region ? parentScope(region) : null);
  const history = usePolicyHistory(scope);
  const ready = !!scope && inherited.data !== undefined && history.data !== undefined;

  const start = useMemo(() => {
    if (!ready) return null;
    const latest = history.data?.[0]?.document;
    const inheritedValues = formValues(inherited.data.document);
    if (national) return { values: formValues(latest ?? inherited.data.document), overridden: [], inheritedValues };
    const own = latest ? formValues(latest) : {};
    // Nested blocks are merged field by field: an override sets some of their fields and inherits the others.
    const nested = (key: string) => ({
      ...(inheritedValues[key] as object | undefined),
      ...(own[key] as object | undefined),
    });
    const values = {
      ...inheritedValues,
      ...own,
      faceCheck: nested('faceCheck'),
      learning: nested('learning'),
      alerts: nested('alerts'),
      exam: nested('exam'),
    };
    return { values, overridden: latest ? overriddenKeys(latest) : [], inheritedValues };
  }, [ready, national, history.data, inherited.data]);

  const onSubmit = (values: Values, overridden: string[], form: FormInstance<Values>) => {
    setFormError(null);
    setNothingSet(false);
    if (!scope) return;
    if (!national && overridden.length === 0) {
      setNothingSet(true);
      return;
    }
    const document = buildDocument(values, national ? POLICY_FIELDS.map((f) => f.key) : overridden);
    publish.mutate(
      { scope, document, note: String(values.note ?? '').trim() },
      {
        onSuccess: ({ policy }) => {
          void message.success(t('manage.policy.published', { version: policy.version }));
          onPublished(scope);
          onClose();
        },
        onError: (error) => {
          const shown =
            showPathError(form, error, i18n.language, { prefix: 'document', fields: TOP_FIELDS }) ||
            showPathError(form, error, i18n.language, { fields: ['note'] });
          if (!shown) setFormError(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('manage.policy.publishTitle')}
      onCancel={onClose}
      onOk={() => formRef.current?.submit()}
      okText={t('manage.policy.publish')}
      okButtonProps={{ disabled: !start, id: 'policy-submit' }}
      confirmLoading={publish.isPending}
      width={820}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {nothingSet && (
        <Alert type="error" showIcon className="yx-form-alert" title={t('manage.policy.nothingOverridden')} />
      )}
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Row gutter={16} align="bottom" className="yx-mg-scope-row">
        <Col xs={24} md={10}>
          <div className="yx-mg-scope-label">{t('manage.policy.scope')}</div>
          <Radio.Group
            value={kind}
            optionType="button"
            onChange={(event) => setKind(event.target.value as 'region' | 'national')}
            options={[
              { value: 'national', label: t('manage.policy.national') },
              { value: 'region', label: t('manage.policy.regional') },
            ]}
            data-testid="policy-scope-kind"
          />
        </Col>
        {!national && (
          <Col xs={24} md={14}>
            <div className="yx-mg-scope-label">{t('manage.policy.region')}</div>
            <RegionCascader
              id="policy_region"
              value={region}
              allowClear={false}
              onChange={setRegion}
              style={{ width: '100%' }}
            />
          </Col>
        )}
      </Row>
      <Alert
        type="info"
        showIcon
        className="yx-form-alert"
        title={
          national
            ? t('manage.policy.nationalHint')
            : region
              ? t('manage.policy.regionHint', { region: regionName ?? region })
              : t('manage.policy.chooseRegion')
        }
      />
      {scope && !start && (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      )}
      {start && (
        <PolicyForm
          key={scope}
          formRef={formRef}
          national={national}
          initialValues={start.values}
          initialOverridden={start.overridden}
          inheritedValues={start.inheritedValues}
          onSubmit={onSubmit}
        />
      )}
    </Modal>
  );
}
