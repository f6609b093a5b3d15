import {
  CheckCircleFilled,
  FileTextOutlined,
  LockOutlined,
  PlayCircleOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { Button, Card, Empty, Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useIsMobile } from '../../ui/useIsMobile';
import { formatDuration, percent } from './reasons';
import type { LessonProgress } from './types';

export type LessonState = 'complete' | 'open' | 'locked' | 'unavailable';
type Row = LessonProgress & { state: LessonState; blockedBy: string | null };
type CourseGroup = { courseId: string; title: string; chapters: { title: string; lessons: Row[] }[] };

/**
 * Courses → chapters → lessons in the server's order, each lesson with its state: lessons of a course are taken in
 * order (the server refuses a later one with LEARNING_EARLIER_LESSON), so one after an incomplete lesson is locked.
 */
export function groupLessons(items: LessonProgress[]): CourseGroup[] {
  const groups: CourseGroup[] = [];
  const firstOpen = new Map<string, string>();
  for (const item of [...items].sort((a, b) => a.order - b.order)) {
    let group = groups.find((g) => g.courseId === item.courseId);
    if (!group) groups.push((group = { courseId: item.courseId, title: item.courseTitle, chapters: [] }));
    let chapter = group.chapters[group.chapters.length - 1];
    if (!chapter || chapter.title !== item.chapterTitle)
      group.chapters.push((chapter = { title: item.chapterTitle, lessons: [] }));
    const earlier = firstOpen.get(item.courseId) ?? null;
    const state: LessonState = item.complete
      ? 'complete'
      : !item.durationMs
        ? 'unavailable'
        : earlier
          ? 'locked'
          : 'open';
    chapter.lessons.push({ ...item, state, blockedBy: state === 'locked' ? earlier : null });
    if (!item.complete && !firstOpen.has(item.courseId)) firstOpen.set(item.courseId, item.title);
  }
  return groups;
}

function LessonRow({ classId, lesson }: { classId: string; lesson: Row }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const label = lesson.complete
    ? t('learning.list.again')
    : lesson.creditedMs > 0
      ? t('learning.list.resume')
      : t('learning.list.start');
  const disabled = lesson.state === 'locked' || lesson.state === 'unavailable';
  const why =
    lesson.state === 'locked'
      ? t('learning.list.locked', { title: lesson.blockedBy })
      : lesson.state === 'unavailable'
        ? t('learning.list.unavailable')
        : '';
  return (
    <li
      className="yx-learn-lesson"
      data-testid="lesson-row"
      data-lesson-id={lesson.lessonId}
      data-state={lesson.state}
      data-credited-ms={lesson.creditedMs}
    >
      <Flex align="center" gap={6} wrap className="yx-learn-lesson-title">
        {lesson.kind === 'video' ? (
          <VideoCameraOutlined className="yx-learn-kind" />
        ) : (
          <FileTextOutlined className="yx-learn-kind" />
        )}
        <Typography.Text strong={lesson.state !== 'locked'} type={lesson.state === 'locked' ? 'secondary' : undefined}>
          {lesson.title}
        </Typography.Text>
        {lesson.complete && (
          <Tag color="success" icon={<CheckCircleFilled />} data-testid="lesson-complete-tag">
            {t('learning.list.complete')}
          </Tag>
        )}
        {lesson.state === 'locked' && <Tag icon={<LockOutlined />}>{t('learning.list.lockedTag')}</Tag>}
        {lesson.state === 'unavailable' && <Tag color="warning">{t('learning.list.unavailableTag')}</Tag>}
      </Flex>
      <Flex align="center" gap={8} className="yx-learn-lesson-progress">
        <Progress
          percent={percent(lesson.creditedMs, lesson.durationMs)}
          size="small"
          showInfo={false}
          status={lesson.complete ? 'success' : 'normal'}
          className="yx-learn-grow"
        />
        <Typography.Text type="secondary" className="yx-learn-small yx-learn-nowrap yx-learn-lesson-figure">
          {t('learning.list.progress', {
            credited: formatDuration(t, lesson.creditedMs),
            duration: lesson.durationMs ? formatDuration(t, lesson.durationMs) : '—',
          })}
        </Typography.Text>
      </Flex>
      <Tooltip title={why}>
        <span className="yx-learn-lesson-action">
          <Button
            type={lesson.state === 'open' ? 'primary' : 'default'}
            size={mobile ? 'small' : 'middle'}
            icon={lesson.state === 'locked' ? <LockOutlined /> : <PlayCircleOutlined />}
            disabled={disabled}
            onClick={() => navigate(`/learn/${encodeURIComponent(classId)}/${encodeURIComponent(lesson.lessonId)}`)}
            data-testid="lesson-start"
          >
            {label}
          </Button>
        </span>
      </Tooltip>
    </li>
  );
}

export function LessonList({ classId, items }: { classId: string; items: LessonProgress[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Empty description={t('learning.list.empty')} />;
  return (
    <Flex vertical gap={16}>
      <Typography.Text type="secondary" className="yx-learn-small">
        {t('learning.list.orderHint')}
      </Typography.Text>
      {groupLessons(items).map((course) => (
        <Card
          key={course.courseId}
          size="small"
          title={<span className="yx-learn-course-title">{course.title}</span>}
          data-testid="course-lessons"
        >
          {course.chapters.map((chapter, index) => (
            <div key={`${chapter.title}-${index}`} className="yx-learn-chapter">
              <Typography.Text type="secondary" className="yx-learn-chapter-title">
                {chapter.title}
              </Typography.Text>
              <ul className="yx-learn-lessons">
                {chapter.lessons.map((lesson) => (
                  <LessonRow key={lesson.lessonId} classId={classId} lesson={lesson} />
                ))}
              </ul>
            </div>
          ))}
        </Card>
      ))}
    </Flex>
  );
}
