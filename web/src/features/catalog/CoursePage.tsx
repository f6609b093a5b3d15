import { ArrowLeftOutlined, LoginOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Result, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { formatNumber } from '../../ui/format';
import { QueryState } from '../../ui/QueryState';
import { useCourse, useLevels } from './api';
import { ChapterList } from './ChapterList';
import { levelLabel, named, signInPath, useCatalogMode } from './mode';
import { Poster } from './Poster';
import { PreviewPlayer } from './PreviewPlayer';
import { StandardAlert } from './StandardAlert';
import type { CourseDetail, Lesson } from './types';
import './catalog.css';

/** One course: /catalog/courses/:id inside the shell, /explore/courses/:id for visitors. */
export function CoursePage() {
  const { visitor, base } = useCatalogMode();
  const { id = '' } = useParams();
  return visitor ? <Course id={id} base={base} region={null} visitor /> : <SignedInCourse id={id} base={base} />;
}

function SignedInCourse({ id, base }: { id: string; base: string }) {
  const me = useMe().data;
  if (!me) return null;
  // Free access and class-hour rules follow the learner's region.
  return <Course id={id} base={base} region={me.user.regionCode} visitor={false} />;
}

function Course({ id, base, region, visitor }: { id: string; base: string; region: string | null; visitor: boolean }) {
  const { t } = useTranslation();
  const course = useCourse(id, region);
  const [playing, setPlaying] = useState<Lesson | null>(null);
  const back = (
    <Link to={base} className="yx-back-link">
      <ArrowLeftOutlined /> {t('catalog.course.back')}
    </Link>
  );

  if (isApiError(course.error, 'NOT_FOUND')) {
    return (
      <Flex vertical gap={16}>
        {back}
        <Result status="404" title={t('catalog.course.notFound')} subTitle={t('catalog.course.notFoundBody')} />
      </Flex>
    );
  }
  return (
    <Flex vertical gap={16} className="yx-course-page">
      {back}
      <QueryState loading={course.isPending} error={course.error} onRetry={() => void course.refetch()}>
        {course.data && (
          <>
            <CourseHeader course={course.data} base={base} />
            <StandardAlert standard={course.data.standard} />
            {visitor && <SignInPrompt />}
            <ChapterList chapters={course.data.chapters} visitor={visitor} onPlay={setPlaying} />
            {!visitor && <PreviewPlayer lesson={playing} onClose={() => setPlaying(null)} />}
          </>
        )}
      </QueryState>
    </Flex>
  );
}

function CourseHeader({ course, base }: { course: CourseDetail; base: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const levels = useLevels();
  const occupation = named(course.occupationName, language);
  const category = named(course.categoryName, language);
  const level = levelLabel(levels.data, course.level, language);
  const none = t('common.notAvailable');
  return (
    <Card className="yx-course-header">
      <div className="yx-course-header-grid">
        <Poster
          mediaId={course.posterMediaId}
          alt={t('catalog.poster', { title: course.title })}
          caption={category ?? occupation}
          className="yx-course-header-poster"
        />
        <Flex vertical gap={8} style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="course-title">
            {course.title}
          </Typography.Title>
          <Flex gap={6} wrap>
            {course.free && (
              <Tag color="red" variant="solid" data-testid="course-free">
                {t('catalog.free')}
              </Tag>
            )}
            {category && <Tag color="blue">{category}</Tag>}
            {level && <Tag>{level}</Tag>}
          </Flex>
          <Typography.Text type="secondary">{course.institutionName ?? t('catalog.platformCourse')}</Typography.Text>
          <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 4, expandable: true }}>
            {course.summary || t('catalog.course.noSummary')}
          </Typography.Paragraph>
        </Flex>
      </div>
      <Descriptions
        className="yx-course-facts"
        size="small"
        column={{ xs: 1, sm: 2, lg: 3 }}
        items={[
          {
            key: 'institution',
            label: t('catalog.course.institution'),
            children: course.institutionName ?? t('catalog.platformCourse'),
          },
          {
            key: 'occupation',
            label: t('catalog.course.occupation'),
            children: course.occupationCode ? (
              <Link
                to={`${base}?occupation=${encodeURIComponent(course.occupationCode)}`}
                data-testid="course-occupation"
              >
                {occupation} <Typography.Text type="secondary">{course.occupationCode}</Typography.Text>
              </Link>
            ) : (
              none
            ),
          },
          { key: 'level', label: t('catalog.course.level'), children: level ?? none },
          {
            key: 'category',
            label: t('catalog.course.category'),
            children: course.categoryCode ? (
              <Link to={`${base}?category=${encodeURIComponent(course.categoryCode)}`}>{category}</Link>
            ) : (
              none
            ),
          },
          {
            key: 'hours',
            label: t('catalog.course.classHours'),
            children: (
              <span data-testid="course-hours">
                {t('catalog.classHours', {
                  hours: formatNumber(course.classHours, language),
                  count: course.classHours,
                })}
                <Typography.Text type="secondary">
                  {' '}
                  {t('catalog.course.classHourBasis', { minutes: course.classHourMinutes })}
                </Typography.Text>
              </span>
            ),
          },
          {
            key: 'length',
            label: t('catalog.course.duration'),
            children: `${t('catalog.course.minutes', { minutes: formatNumber(course.minutes, language) })} · ${t('catalog.lessons', { count: course.lessonCount })}`,
          },
        ]}
      />
      {course.pendingLessons > 0 && (
        <Alert
          type="info"
          showIcon
          title={t('catalog.course.pending', { count: course.pendingLessons })}
          style={{ marginTop: 12 }}
        />
      )}
    </Card>
  );
}

function SignInPrompt() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname, search } = useLocation();
  return (
    <Alert
      type="info"
      showIcon
      icon={<LoginOutlined />}
      title={t('catalog.visitor.toLearn')}
      description={t('catalog.visitor.toLearnHint')}
      className="yx-stack-alert"
      data-testid="sign-in-prompt"
      action={
        <Button type="primary" onClick={() => navigate(signInPath(pathname, search))} data-testid="sign-in-to-learn">
          {t('catalog.visitor.toLearn')}
        </Button>
      }
    />
  );
}
