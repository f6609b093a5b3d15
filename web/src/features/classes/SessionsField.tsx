import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

const TIME_FORMAT = 'YYYY-MM-DD HH:mm';

/**
 * Offline practice sessions as rows of a list: what, where (venue, address and the coordinates check-ins are
 * measured against) and when. Each row wraps onto several lines on narrow screens.
 */
export function SessionsField() {
  const { t } = useTranslation();
  const required = { required: true, whitespace: true, message: t('classes.form.required') };
  return (
    <Form.List name="sessions">
      {(fields, { add, remove }) => (
        <Flex vertical gap={12}>
          {fields.length === 0 && <Typography.Text type="secondary">{t('classes.form.noSessions')}</Typography.Text>}
          {fields.map((field, index) => (
            <div key={field.key} className="yx-cl-session" data-testid="session-row">
              <Flex justify="space-between" align="center" className="yx-cl-session-head">
                <Typography.Text strong>{t('classes.form.sessionN', { n: index + 1 })}</Typography.Text>
                <Tooltip title={t('classes.form.removeSession')}>
                  <Button
                    type="text"
                    danger
                    size="small"
                    icon={<DeleteOutlined />}
                    aria-label={t('classes.form.removeSession')}
                    onClick={() => remove(field.name)}
                  />
                </Tooltip>
              </Flex>
              <Row gutter={12}>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={[field.name, 'title']}
                    label={t('classes.form.sessionTitle')}
                    rules={[required, { max: 100 }]}
                  >
                    <Input maxLength={100} placeholder={t('classes.form.sessionTitlePlaceholder')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={[field.name, 'venueName']}
                    label={t('classes.form.venue')}
                    rules={[required, { max: 100 }]}
                  >
                    <Input maxLength={100} placeholder={t('classes.form.venuePlaceholder')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name={[field.name, 'address']}
                    label={t('classes.form.address')}
                    rules={[required, { max: 200 }]}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item
                    name={[field.name, 'latitude']}
                    label={t('classes.form.latitude')}
                    rules={[{ required: true, message: t('classes.invalid.latitude') }]}
                  >
                    <InputNumber min={-90} max={90} step={0.0001} precision={6} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={4}>
                  <Form.Item
                    name={[field.name, 'longitude']}
                    label={t('classes.form.longitude')}
                    rules={[{ required: true, message: t('classes.invalid.longitude') }]}
                  >
                    <InputNumber min={-180} max={180} step={0.0001} precision={6} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} md={8}>
                  <Form.Item
                    name={[field.name, 'startsAt']}
                    label={t('classes.form.startsAt')}
                    rules={[{ required: true, message: t('classes.form.required') }]}
                  >
                    <DatePicker
                      showTime={{ format: 'HH:mm', minuteStep: 5 }}
                      format={TIME_FORMAT}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12} md={8}>
                  <Form.Item
                    name={[field.name, 'endsAt']}
                    label={t('classes.form.endsAt')}
                    dependencies={[['sessions', field.name, 'startsAt']]}
                    rules={[
                      { required: true, message: t('classes.form.required') },
                      ({ getFieldValue }) => ({
                        validator: async (_, value: Dayjs | null | undefined) => {
                          const start = getFieldValue(['sessions', field.name, 'startsAt']) as Dayjs | null | undefined;
                          if (value && start && !value.isAfter(start))
                            throw new Error(t('classes.form.endsBeforeStarts'));
                        },
                      }),
                    ]}
                  >
                    <DatePicker
                      showTime={{ format: 'HH:mm', minuteStep: 5 }}
                      format={TIME_FORMAT}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
              </Row>
            </div>
          ))}
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} block data-testid="add-session">
            {t('classes.form.addSession')}
          </Button>
        </Flex>
      )}
    </Form.List>
  );
}
