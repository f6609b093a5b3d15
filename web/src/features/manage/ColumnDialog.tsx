import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined } from '@ant-design/icons';
import { App, Button, Col, Empty, Flex, Form, Input, InputNumber, Modal, Row, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { useSaveColumn } from './api';
import { CoursePicker, useTitles } from './CourseSelect';
import { showPathError } from './form-errors';
import { RegionCascader } from './regions';
import type { Column } from './types';

type Values = { regionCode: string; titleZh: string; titleEn: string; sort: number };

/** A region's featured column: titles, position among the region's columns and an ordered list of courses. */
export function ColumnDialog({ column, onClose }: { column: Column | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<unknown>(null);
  const [courseIds, setCourseIds] = useState<string[]>(column?.courseIds ?? []);
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const titles = useTitles(column?.courseIds ?? []);
  const save = useSaveColumn();

  const move = (index: number, by: -1 | 1) =>
    setCourseIds((ids) => {
      const next = [...ids];
      [next[index], next[index + by]] = [next[index + by], next[index]];
      return next;
    });

  const onFinish = (values: Values) => {
    setFormError(null);
    save.mutate(
      {
        id: column?.id ?? null,
        input: {
          regionCode: values.regionCode,
          titleZh: values.titleZh.trim(),
          titleEn: values.titleEn.trim(),
          sort: values.sort,
          courseIds,
        },
      },
      {
        onSuccess: () => {
          void message.success(t('manage.saved'));
          onClose();
        },
        onError: (error) => {
          if (!showPathError(form, error, i18n.language, { fields: ['regionCode', 'titleZh', 'titleEn', 'sort'] }))
            setFormError(error);
        },
      },
    );
  };

  return (
    <Modal
      open
      title={column ? t('manage.columns.editTitle') : t('manage.columns.newTitle')}
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
        name="column"
        layout="vertical"
        onFinish={onFinish}
        initialValues={
          column
            ? { regionCode: column.regionCode, titleZh: column.title.zh, titleEn: column.title.en, sort: column.sort }
            : { sort: 1 }
        }
      >
        <Row gutter={16}>
          <Col xs={24} md={16}>
            <Form.Item
              name="regionCode"
              label={t('manage.columns.region')}
              extra={t('manage.columns.regionHelp')}
              rules={[{ required: true, message: t('manage.columns.regionRule') }]}
            >
              <RegionCascader />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="sort"
              label={t('manage.columns.sort')}
              extra={t('manage.columns.sortHelp')}
              rules={[{ required: true, message: t('manage.columns.sortRule') }]}
            >
              <InputNumber min={0} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="titleZh"
              label={t('manage.columns.titleZh')}
              rules={[{ required: true, whitespace: true, min: 2, max: 60, message: t('manage.columns.titleZhRule') }]}
            >
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="titleEn"
              label={t('manage.columns.titleEn')}
              rules={[{ required: true, whitespace: true, min: 2, max: 120, message: t('manage.columns.titleEnRule') }]}
            >
              <Input maxLength={120} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label={t('manage.columns.courses', { count: courseIds.length })}
          extra={t('manage.columns.coursesHelp')}
        >
          <CoursePicker
            exclude={courseIds}
            onPick={(id, title) => {
              setPicked((map) => new Map(map).set(id, title));
              setCourseIds((ids) => (ids.length >= 50 ? ids : [...ids, id]));
            }}
          />
          {courseIds.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('manage.columns.noCourses')} />
          ) : (
            <ol className="yx-mg-ordered" data-testid="column-courses">
              {courseIds.map((id, index) => (
                <li key={id}>
                  <span className="yx-mg-ordered-index">{index + 1}</span>
                  <Typography.Text className="yx-mg-ordered-title">
                    {picked.get(id) ?? titles.get(id) ?? id}
                  </Typography.Text>
                  <Flex gap={0} flex="none">
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowUpOutlined />}
                      aria-label={t('manage.moveUp')}
                      disabled={index === 0}
                      onClick={() => move(index, -1)}
                    />
                    <Button
                      type="text"
                      size="small"
                      icon={<ArrowDownOutlined />}
                      aria-label={t('manage.moveDown')}
                      disabled={index === courseIds.length - 1}
                      onClick={() => move(index, 1)}
                    />
                    <Button
                      type="text"
                      size="small"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('manage.remove')}
                      onClick={() => setCourseIds((ids) => ids.filter((x) => x !== id))}
                    />
                  </Flex>
                </li>
              ))}
            </ol>
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
