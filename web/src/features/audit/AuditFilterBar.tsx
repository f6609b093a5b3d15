import { Button, Col, Flex, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { KNOWN_ACTIONS } from './api';

export type AuditFilterValues = { action?: string; actorId?: string; from?: string; to?: string };

export function AuditFilterBar({ onSearch }: { onSearch: (values: AuditFilterValues) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AuditFilterValues>();
  return (
    <Form<AuditFilterValues> form={form} layout="vertical" onFinish={onSearch} name="audit-filters">
      <Row gutter={12} align="bottom">
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="action" label={t('audit.action')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('audit.actionPlaceholder')}
              options={KNOWN_ACTIONS.map((action) => ({
                value: action,
                label: t(`audit.actions.${action}`, { defaultValue: action }),
              }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={5}>
          <Form.Item name="actorId" label={t('audit.actorId')}>
            <Input allowClear />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={4}>
          <Form.Item name="from" label={t('audit.from')}>
            <Input type="date" />
          </Form.Item>
        </Col>
        <Col xs={12} sm={12} lg={4}>
          <Form.Item name="to" label={t('audit.to')}>
            <Input type="date" />
          </Form.Item>
        </Col>
        <Col xs={24} lg={5}>
          <Form.Item>
            <Flex gap={8}>
              <Button type="primary" htmlType="submit">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  onSearch({});
                }}
              >
                {t('common.reset')}
              </Button>
            </Flex>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
