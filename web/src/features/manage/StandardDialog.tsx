import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Col, Form, Input, InputNumber, Modal, Row } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useLevels } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import { named } from '../authoring/types';
import { usePutStandard } from './api';
import { showPathError } from './form-errors';
import type { KnowledgeModule, OccupationDetail, Standard } from './types';

type Values = { minHours: number; maxOnlinePercent: number; modules: KnowledgeModule[]; basis: string };

/** The training standard of one occupation at one level: minimum hours, online share, knowledge modules, basis. */
export function StandardDialog({
  occupation,
  level,
  current,
  onClose,
}: {
  occupation: OccupationDetail;
  level: number;
  current?: Standard;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const levels = useLevels();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<unknown>(null);
  const put = usePutStandard(occupation.code);

  const onFinish = (values: Values) => {
    setFormError(null);
    put.mutate(
      {
        level,
        minHours: values.minHours,
        maxOnlinePercent: values.maxOnlinePercent,
        modules: values.modules.map((m) => ({ zh: m.zh.trim(), en: m.en.trim() })),
        basis: values.basis.trim(),
      },
      {
        onSuccess: () => {
          void message.success(t('manage.saved'));
          onClose();
        },
        onError: (error) => {
          if (
            !showPathError(form, error, i18n.language, { fields: ['minHours', 'maxOnlinePercent', 'modules', 'basis'] })
          )
            setFormError(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('manage.occupations.standardTitle', {
        name: named(occupation.name, i18n.language),
        level: levelLabel(levels.data, level, i18n.language),
      })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('manage.save')}
      confirmLoading={put.isPending}
      width={640}
      destroyOnHidden
    >
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<Values>
        form={form}
        name="standard"
        layout="vertical"
        onFinish={onFinish}
        initialValues={{
          minHours: current?.minHours,
          maxOnlinePercent: current?.maxOnlinePercent ?? 50,
          modules: current?.modules.length ? current.modules : [{ zh: '', en: '' }],
          basis: current && !current.estimated ? current.basis : '',
        }}
      >
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="minHours"
              label={t('manage.occupations.minHours')}
              rules={[{ required: true, message: t('manage.occupations.minHoursRule') }]}
            >
              <InputNumber
                min={1}
                max={2000}
                precision={0}
                suffix={t('manage.occupations.hoursUnit')}
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="maxOnlinePercent"
              label={t('manage.occupations.maxOnline')}
              rules={[{ required: true, message: t('manage.occupations.maxOnlineRule') }]}
            >
              <InputNumber min={0} max={100} precision={0} suffix="%" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('manage.occupations.modules')} required>
          <Form.List
            name="modules"
            rules={[
              {
                validator: async (_, modules: unknown[]) => {
                  if (!modules || modules.length === 0) throw new Error(t('manage.occupations.modulesRule'));
                },
              },
            ]}
          >
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={8} wrap={false} align="top">
                    <Col flex="1">
                      <Form.Item
                        name={[field.name, 'zh']}
                        rules={[{ required: true, whitespace: true, message: t('manage.occupations.moduleZhRule') }]}
                      >
                        <Input
                          maxLength={60}
                          placeholder={t('manage.occupations.moduleZh')}
                          aria-label={`${t('manage.occupations.moduleZh')} ${index + 1}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="1">
                      <Form.Item
                        name={[field.name, 'en']}
                        rules={[{ required: true, whitespace: true, message: t('manage.occupations.moduleEnRule') }]}
                      >
                        <Input
                          maxLength={120}
                          placeholder={t('manage.occupations.moduleEn')}
                          aria-label={`${t('manage.occupations.moduleEn')} ${index + 1}`}
                        />
                      </Form.Item>
                    </Col>
                    <Col flex="none">
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label={t('manage.remove')}
                        disabled={fields.length === 1}
                        onClick={() => remove(field.name)}
                      />
                    </Col>
                  </Row>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ zh: '', en: '' })}
                  disabled={fields.length >= 30}
                  block
                >
                  {t('manage.occupations.addModule')}
                </Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item
          name="basis"
          label={t('manage.occupations.basis')}
          extra={current?.estimated ? t('manage.occupations.basisReplacesEstimate') : undefined}
          rules={[{ required: true, whitespace: true, min: 2, max: 500, message: t('manage.occupations.basisRule') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder={t('manage.occupations.basisPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
