import { ArrowLeftOutlined, CloudUploadOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Row, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { useErrorText } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useCourse, useSetCourseStatus } from './api';
import { CourseContent } from './CourseContent';
import { CourseInfoForm } from './CourseInfoForm';
import { HoursCard } from './HoursCard';
import { CourseStatusTag } from './StatusTags';
import type { CourseDetail } from './types';
import './authoring.css';

/** Why publishing was refused, with what to do about it. */
function PublishError({ error, course, onClose }: { error: unknown; course: CourseDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const code = isApiError(error) ? error.code : undefined;
  let description: string | undefined;
  if (code === 'COURSE_EMPTY') description = t('authoring.publishErrors.empty');
  if (code === 'COURSE_MEDIA_NOT_READY') {
    const waiting = course.chapters
      .flatMap((c) => c.lessons)
      .filter((l) => l.mediaStatus !== 'ready')
      .map((l) => t('authoring.quoted', { text: l.title }));
    description =
      waiting.length > 0
        ? t('authoring.publishErrors.notReady', { lessons: waiting.join(t('authoring.listSeparator')) })
        : t('authoring.publishErrors.notReadyNow');
  }
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      className="yx-form-alert"
      title={
        <span data-testid="publish-error" data-code={code}>
          {text(error).message}
        </span>
      }
      description={description}
    />
  );
}

export function CourseEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { modal, message } = App.useApp();
  const operator = useMe().data?.user.role === 'operator';
  const course = useCourse(id, { poll: true });
  const setStatus = useSetCourseStatus(id ?? '');
  const [publishError, setPublishError] = useState<unknown>(null);
  const data = course.data;
  // A refusal to publish is about the content it saw; once the content changes, it no longer applies.
  const content = data?.chapters.map((c) => c.lessons.map((l) => `${l.id}:${l.mediaStatus}`).join(',')).join('|');
  useEffect(() => setPublishError(null), [content]);

  const publish = () => {
    setPublishError(null);
    setStatus.mutate('publish', {
      onSuccess: () => void message.success(t('authoring.editor.publishedDone')),
      onError: setPublishError,
    });
  };
  const archive = () =>
    modal.confirm({
      title: t('authoring.editor.archiveConfirm', { title: data?.title }),
      content: t('authoring.editor.archiveBody'),
      okText: t('authoring.editor.archive'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        setStatus.mutateAsync('archive').then(
          () => void message.success(t('authoring.editor.archivedDone')),
          (error: unknown) => setPublishError(error),
        ),
    });

  return (
    <>
      <Link to="/courses" className="yx-au-back">
        <ArrowLeftOutlined /> {t('authoring.editor.back')}
      </Link>
      <QueryState loading={course.isLoading} error={course.error} onRetry={() => void course.refetch()}>
        {data && (
          <>
            <PageHeader
              title={
                <Space size={8} wrap>
                  <span data-testid="editor-title">{data.title}</span>
                  <CourseStatusTag status={data.status} />
                </Space>
              }
              extra={
                <Space wrap>
                  {data.status === 'published' ? (
                    <Button
                      danger
                      icon={<StopOutlined />}
                      onClick={archive}
                      loading={setStatus.isPending}
                      data-testid="archive-course"
                    >
                      {t('authoring.editor.archive')}
                    </Button>
                  ) : (
                    <Button
                      type="primary"
                      icon={<CloudUploadOutlined />}
                      onClick={publish}
                      loading={setStatus.isPending}
                      data-testid="publish-course"
                    >
                      {data.status === 'archived' ? t('authoring.editor.republish') : t('authoring.editor.publish')}
                    </Button>
                  )}
                </Space>
              }
            />
            {publishError != null && (
              <PublishError error={publishError} course={data} onClose={() => setPublishError(null)} />
            )}
            {data.status !== 'draft' && (
              <Alert
                type="info"
                showIcon
                className="yx-form-alert"
                title={t(`authoring.editor.notice.${data.status}`)}
              />
            )}
            <Flex vertical gap={16}>
              <HoursCard course={data} />
              <Row gutter={[16, 16]}>
                <Col xs={24} lg={15}>
                  <Card title={t('authoring.editor.content')}>
                    <CourseContent course={data} />
                  </Card>
                </Col>
                <Col xs={24} lg={9}>
                  <Card title={t('authoring.editor.info')}>
                    <CourseInfoForm key={data.id} course={data} operator={operator} />
                  </Card>
                </Col>
              </Row>
            </Flex>
          </>
        )}
      </QueryState>
    </>
  );
}
