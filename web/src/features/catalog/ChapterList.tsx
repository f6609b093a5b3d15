import { FilePdfOutlined, LockOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { mediaUrl } from './api';
import { formatDuration } from './mode';
import type { Chapter, Lesson } from './types';

type Props = { chapters: Chapter[]; visitor: boolean; onPlay: (lesson: Lesson) => void };

function ready(lesson: Lesson): boolean {
  return lesson.mediaId !== null && lesson.mediaStatus === 'ready';
}

/** Chapters and their lessons; signed-in users preview ready videos and open documents, visitors only see the list. */
export function ChapterList({ chapters, visitor, onPlay }: Props) {
  const { t } = useTranslation();
  if (chapters.length === 0) {
    return (
      <Card title={t('catalog.course.chapters')}>
        <Empty description={t('catalog.course.noChapters')} />
      </Card>
    );
  }
  return (
    <Card title={t('catalog.course.chapters')} className="yx-chapters" data-testid="chapters">
      {chapters.map((chapter) => (
        <section key={chapter.id} className="yx-chapter" data-testid="chapter">
          <Typography.Title level={5} className="yx-chapter-title">
            {chapter.title}
          </Typography.Title>
          <ol className="yx-lessons">
            {chapter.lessons.map((lesson) => (
              <LessonRow key={lesson.id} lesson={lesson} visitor={visitor} onPlay={onPlay} />
            ))}
          </ol>
        </section>
      ))}
    </Card>
  );
}

function LessonRow({
  lesson,
  visitor,
  onPlay,
}: {
  lesson: Lesson;
  visitor: boolean;
  onPlay: (lesson: Lesson) => void;
}) {
  const { t } = useTranslation();
  const video = lesson.kind === 'video';
  const usable = ready(lesson);
  const length = video
    ? lesson.durationSeconds !== null
      ? formatDuration(lesson.durationSeconds)
      : null
    : [
        lesson.pageCount !== null ? t('catalog.lesson.pages', { count: lesson.pageCount }) : null,
        lesson.documentMinutes !== null
          ? t('catalog.lesson.documentMinutes', { minutes: lesson.documentMinutes })
          : null,
      ]
        .filter(Boolean)
        .join(' · ');
  const status = !lesson.mediaId
    ? t('catalog.lesson.status.missing')
    : lesson.mediaStatus && lesson.mediaStatus !== 'ready'
      ? t(`catalog.lesson.status.${lesson.mediaStatus}`, { progress: lesson.progress ?? 0 })
      : null;

  let action = null;
  if (visitor) action = <LockOutlined className="yx-lesson-lock" aria-hidden />;
  else if (usable && video) {
    action = (
      <Button
        size="small"
        type="primary"
        ghost
        icon={<PlayCircleOutlined />}
        onClick={() => onPlay(lesson)}
        data-testid="lesson-play"
      >
        {t('catalog.lesson.play')}
      </Button>
    );
  } else if (usable) {
    action = (
      <Button
        size="small"
        icon={<FilePdfOutlined />}
        href={mediaUrl(lesson.mediaId!, 'document.pdf')}
        target="_blank"
        rel="noopener"
        data-testid="lesson-open"
      >
        {t('catalog.lesson.open')}
      </Button>
    );
  }

  return (
    <li
      className="yx-lesson"
      data-testid="lesson"
      data-kind={lesson.kind}
      data-status={lesson.mediaStatus ?? 'missing'}
    >
      <span
        className={`yx-lesson-icon yx-lesson-icon-${lesson.kind}`}
        aria-label={t(`catalog.lesson.${lesson.kind}`)}
        role="img"
      >
        {video ? <PlayCircleOutlined /> : <FilePdfOutlined />}
      </span>
      <span className="yx-lesson-main">
        <span className="yx-lesson-title">{lesson.title}</span>
        <span className="yx-lesson-meta">
          {length && <span>{length}</span>}
          {status && (
            <Tag color={lesson.mediaStatus === 'failed' ? 'error' : 'processing'} style={{ marginInlineEnd: 0 }}>
              {status}
            </Tag>
          )}
        </span>
      </span>
      {action && <span className="yx-lesson-action">{action}</span>}
    </li>
  );
}
