import { App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useCategories } from '../authoring/api';
import { named } from '../authoring/types';
import { useSaveCampaign } from './api';
import { CourseMultiSelect } from './CourseSelect';
import { showPathError } from './form-errors';
import { RegionCascader } from './regions';
import type { Campaign } from './types';

type Values = {
  nameZh: string;
  nameEn: string;
  regionCode?: string | null;
  period: [Dayjs, Dayjs];
  courseIds: string[];
  categoryCodes: string[];
};

const FIELDS = ['nameZh', 'nameEn', 'regionCode', 'period', 'courseIds', 'categoryCodes'];

/** A free-access campaign: names, where (or nationwide), when, and which courses or categories are free. */
export function CampaignDialog({ campaign, onClose }: { campaign: Campaign | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<unknown>(null);
  const save = useSaveCampaign();
  const categories = useCategories();

  const onFinish = (values: Values) => {
    setFormError(null);
    const input = {
      nameZh: values.nameZh.trim(),
      nameEn: values.nameEn.trim(),
      regionCode: values.regionCode ?? null,
      startsAt: values.period[0].toISOString(),
      endsAt: values.period[1].toISOString(),
      courseIds: values.courseIds ?? [],
      categoryCodes: values.categoryCodes ?? [],
    };
    save.mutate(
      { id: campaign?.id ?? null, input },
      {
        onSuccess: () => {
          void message.success(t('manage.saved'));
          onClose();
        },
        onError: (error) => {
          if (isApiError(error) && (error.field === 'startsAt' || error.field === 'endsAt')) {
            form.setFields([
              {
                name: 'period',
                errors: [
                  error.field === 'endsAt' ? t('manage.campaigns.endAfterStart') : error.localized(i18n.language),
                ],
              },
            ]);
            return;
          }
          const nothing = input.courseIds.length === 0 && input.categoryCodes.length === 0;
          const shown = showPathError(form, error, i18n.language, {
            fields: FIELDS,
            message: (path) => (path[0] === 'courseIds' && nothing ? t('manage.campaigns.needItems') : undefined),
          });
          if (!shown) setFormError(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={campaign ? t('manage.campaigns.editTitle') : t('manage.campaigns.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('manage.save')}
      confirmLoading={save.isPending}
      width={720}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <ErrorAlert error={formError} className="yx-form-alert" />
      <Form<Values>
        form={form}
        name="campaign"
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          campaign
            ? {
                nameZh: campaign.name.zh,
                nameEn: campaign.name.en,
                regionCode: campaign.regionCode,
                period: [dayjs(campaign.startsAt), dayjs(campaign.endsAt)],
                courseIds: campaign.courseIds,
                categoryCodes: campaign.categoryCodes,
              }
            : { courseIds: [], categoryCodes: [] }
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameZh"
              label={t('manage.campaigns.nameZh')}
              rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('manage.campaigns.nameZhRule') }]}
            >
              <Input maxLength={60} placeholder={t('manage.campaigns.nameZhPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="nameEn"
              label={t('manage.campaigns.nameEn')}
              rules={[
                { required: true, whitespace: true, min: 2, max: 120, message: t('manage.campaigns.nameEnRule') },
              ]}
            >
              <Input maxLength={120} placeholder={t('manage.campaigns.nameEnPlaceholder')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="regionCode" label={t('manage.campaigns.region')} extra={t('manage.campaigns.regionHelp')}>
              <RegionCascader placeholder={t('manage.campaigns.nationwide')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="period"
              label={t('manage.campaigns.period')}
              rules={[
                { required: true, message: t('manage.campaigns.periodRule') },
                {
                  validator: async (_, period?: [Dayjs, Dayjs]) => {
                    if (period && !period[1].isAfter(period[0])) throw new Error(t('manage.campaigns.endAfterStart'));
                  },
                },
              ]}
            >
              <DatePicker.RangePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="courseIds" label={t('manage.campaigns.courses')} extra={t('manage.campaigns.itemsHelp')}>
              <CourseMultiSelect />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="categoryCodes" label={t('manage.campaigns.categories')}>
              <Select
                mode="multiple"
                loading={categories.isFetching}
                placeholder={t('manage.campaigns.categoriesPlaceholder')}
                showSearch={{ optionFilterProp: 'label' }}
                options={(categories.data ?? []).map((c) => ({ value: c.code, label: named(c.name, i18n.language) }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
