import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Segmented, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatDateTime } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useCourse, useGeneralModules, useLevels, useOwnCourses } from './api';
import { levelLabel } from './CourseFields';
import { CreateCourseDialog } from './CreateCourseDialog';
import { CourseStatusTag, StandardTag } from './StatusTags';
import { named, type CourseStatus, type CourseSummary } from './types';
import './authoring.css';

type StatusFilter = CourseStatus | 'all';

/** The standard check lives in the course detail; each visible row asks for its own (cached for the editor too). */
function StandardCell({ courseId }: { courseId: string }) {
  const course = useCourse(courseId);
  if (!course.data) return <Typography.Text type="secondary">…</Typography.Text>;
  return <StandardTag standard={course.data.standard} />;
}

export function AuthoringListPage() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const me = useMe().data;
  const operator = me?.user.role === 'operator';
  const courses = useOwnCourses();
  const levels = useLevels();
  const generalModules = useGeneralModules(operator);
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState<StatusFilter>('all');
  const [q, setQ] = useState('');

  const items = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (courses.data?.items ?? []).filter(
      (c) => (status === 'all' || c.status === status) && (!needle || c.title.toLowerCase().includes(needle)),
    );
  }, [courses.data, status, q]);

  const columns: TableProps<CourseSummary>['columns'] = [
    {
      key: 'title',
      title: t('authoring.list.course'),
      fixed: mobile ? undefined : 'left',
      render: (_, course) => (
        <Link to={`/courses/${course.id}`} className="yx-au-title-cell" data-testid="course-link">
          {course.title}
        </Link>
      ),
    },
    {
      key: 'occupation',
      title: t('authoring.list.occupation'),
      render: (_, course) => {
        if (course.occupationName) {
          return (
            <span>
              {named(course.occupationName, i18n.language)}
              {course.level && (
                <Typography.Text type="secondary">
                  {' '}
                  · {levelLabel(levels.data, course.level, i18n.language)}
                </Typography.Text>
              )}
            </span>
          );
        }
        const module = generalModules.data?.find((g) => g.code === course.generalModuleCode);
        if (module)
          return (
            <Tag color="blue">{t('authoring.list.generalModule', { name: named(module.name, i18n.language) })}</Tag>
          );
        return <Typography.Text type="secondary">—</Typography.Text>;
      },
    },
    {
      key: 'status',
      title: t('common.status'),
      dataIndex: 'status',
      render: (value: CourseStatus) => <CourseStatusTag status={value} />,
    },
    { key: 'lessons', title: t('authoring.list.lessons'), dataIndex: 'lessonCount', align: 'right' },
    { key: 'classHours', title: t('authoring.list.classHours'), dataIndex: 'classHours', align: 'right' },
    {
      key: 'standard',
      title: t('authoring.list.standard'),
      render: (_, course) => <StandardCell courseId={course.id} />,
    },
    {
      key: 'updatedAt',
      title: t('authoring.list.updatedAt'),
      dataIndex: 'updatedAt',
      render: (value: string) => formatDateTime(value, i18n.language),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('authoring.title')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-course">
            {t('authoring.list.new')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('authoring.list.searchPlaceholder')}
            onChange={(event) => setQ(event.target.value)}
            style={{ flex: '1 1 220px', maxWidth: 320 }}
          />
          <Segmented<StatusFilter>
            value={status}
            onChange={setStatus}
            options={(['all', 'draft', 'published', 'archived'] as const).map((value) => ({
              value,
              label: value === 'all' ? t('common.all') : t(`authoring.status.${value}`),
            }))}
          />
        </Flex>
        <ErrorAlert error={courses.error} className="yx-form-alert" />
        <Table<CourseSummary>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={courses.isFetching && !courses.data}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: courses.isFetching ? t('common.loading') : t('authoring.list.empty') }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t('common.total', { total }) }}
        />
      </Card>
      {creating && <CreateCourseDialog operator={operator} onClose={() => setCreating(false)} />}
    </>
  );
}
