import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  EditOutlined,
  FilePdfOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { App, Button, Empty, Flex, Progress, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../ui/ErrorAlert';
import { useDeleteChapter, useDeleteLesson, useMove } from './api';
import { ChapterDialog } from './ChapterDialog';
import { formatDuration } from './format';
import { ItemActions, type ItemAction } from './ItemActions';
import { LessonEditDialog } from './LessonEditDialog';
import { LessonMediaDialog, type LessonMediaTarget } from './LessonMediaDialog';
import type { Chapter, CourseDetail, Lesson, LessonKind } from './types';

/** What the server knows of a lesson's file: transcoding progress, duration, pages. */
function LessonMeta({ lesson }: { lesson: Lesson }) {
  const { t } = useTranslation();
  if (!lesson.mediaId) return <Tag color="warning">{t('authoring.lessons.status.missing')}</Tag>;
  if (lesson.mediaStatus === 'failed') return <Tag color="error">{t('authoring.lessons.status.failed')}</Tag>;
  if (lesson.mediaStatus !== 'ready') {
    return (
      <Flex align="center" gap={8} className="yx-au-lesson-progress" data-testid="lesson-transcoding">
        <Tag color="processing">{t('authoring.lessons.status.processing', { progress: lesson.progress ?? 0 })}</Tag>
        <Progress percent={lesson.progress ?? 0} size="small" showInfo={false} style={{ width: 80, margin: 0 }} />
      </Flex>
    );
  }
  if (lesson.kind === 'video') {
    return <Typography.Text type="secondary">{formatDuration(lesson.durationSeconds)}</Typography.Text>;
  }
  return (
    <Typography.Text type="secondary">
      {[
        lesson.pageCount !== null ? t('authoring.lessons.pages', { count: lesson.pageCount }) : null,
        lesson.documentMinutes !== null ? t('authoring.lessons.minutes', { count: lesson.documentMinutes }) : null,
      ]
        .filter(Boolean)
        .join(' · ')}
    </Typography.Text>
  );
}

type Props = { course: CourseDetail };

/** Chapters and their lessons, with the edits the course's state allows (deleting and replacing files: drafts only). */
export function CourseContent({ course }: Props) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const draft = course.status === 'draft';
  const move = useMove(course.id);
  const deleteChapter = useDeleteChapter(course.id);
  const deleteLesson = useDeleteLesson(course.id);
  const [chapterDialog, setChapterDialog] = useState<{ chapter?: Chapter } | null>(null);
  const [mediaTarget, setMediaTarget] = useState<LessonMediaTarget | null>(null);
  const [editing, setEditing] = useState<Lesson | null>(null);

  const errorText = useErrorText();
  const onMoveError = (error: unknown) => void message.error(errorText(error).message);
  const confirmDelete = (title: string, content: string, run: () => Promise<unknown>) =>
    modal.confirm({
      title,
      content,
      okText: t('authoring.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        run().then(
          () => void message.success(t('authoring.deleted')),
          (error: unknown) => void message.error(errorText(error).message),
        ),
    });

  const chapterActions = (chapter: Chapter, index: number): ItemAction[] => [
    {
      key: 'rename',
      label: t('authoring.rename'),
      icon: <EditOutlined />,
      onClick: () => setChapterDialog({ chapter }),
    },
    {
      key: 'up',
      label: t('authoring.moveUp'),
      icon: <ArrowUpOutlined />,
      disabled: index === 0,
      onClick: () => move.mutate({ kind: 'chapter', id: chapter.id, direction: 'up' }, { onError: onMoveError }),
    },
    {
      key: 'down',
      label: t('authoring.moveDown'),
      icon: <ArrowDownOutlined />,
      disabled: index === course.chapters.length - 1,
      onClick: () => move.mutate({ kind: 'chapter', id: chapter.id, direction: 'down' }, { onError: onMoveError }),
    },
    ...(draft
      ? [
          {
            key: 'delete',
            label: t('authoring.delete'),
            icon: <DeleteOutlined />,
            danger: true,
            onClick: () =>
              confirmDelete(
                t('authoring.chapters.deleteConfirm', { title: chapter.title }),
                t('authoring.chapters.deleteBody', { count: chapter.lessons.length }),
                () => deleteChapter.mutateAsync(chapter.id),
              ),
          },
        ]
      : []),
  ];

  const lessonActions = (chapter: Chapter, lesson: Lesson, index: number): ItemAction[] => [
    { key: 'rename', label: t('authoring.edit'), icon: <EditOutlined />, onClick: () => setEditing(lesson) },
    {
      key: 'up',
      label: t('authoring.moveUp'),
      icon: <ArrowUpOutlined />,
      disabled: index === 0,
      onClick: () => move.mutate({ kind: 'lesson', id: lesson.id, direction: 'up' }, { onError: onMoveError }),
    },
    {
      key: 'down',
      label: t('authoring.moveDown'),
      icon: <ArrowDownOutlined />,
      disabled: index === chapter.lessons.length - 1,
      onClick: () => move.mutate({ kind: 'lesson', id: lesson.id, direction: 'down' }, { onError: onMoveError }),
    },
    ...(draft
      ? [
          {
            key: 'replace',
            label: t('authoring.lessons.replace'),
            icon: <SwapOutlined />,
            onClick: () => setMediaTarget({ mode: 'replace', courseId: course.id, lesson }),
          },
          {
            key: 'delete',
            label: t('authoring.delete'),
            icon: <DeleteOutlined />,
            danger: true,
            onClick: () =>
              confirmDelete(
                t('authoring.lessons.deleteConfirm', { title: lesson.title }),
                t('authoring.lessons.deleteBody'),
                () => deleteLesson.mutateAsync(lesson.id),
              ),
          },
        ]
      : []),
  ];

  const addLesson = (chapter: Chapter, kind: LessonKind) =>
    setMediaTarget({ mode: 'add', courseId: course.id, chapterId: chapter.id, chapterTitle: chapter.title, kind });

  return (
    <>
      {course.chapters.length === 0 ? (
        <Empty description={t('authoring.chapters.empty')} />
      ) : (
        <Flex vertical gap={12}>
          {course.chapters.map((chapter, chapterIndex) => (
            <section key={chapter.id} className="yx-au-chapter" data-testid="chapter">
              <Flex className="yx-au-chapter-head" justify="space-between" align="center" gap={8}>
                <Typography.Text strong className="yx-au-chapter-title" data-testid="chapter-title">
                  {chapter.title}
                </Typography.Text>
                <ItemActions actions={chapterActions(chapter, chapterIndex)} testId="chapter-actions" />
              </Flex>
              {chapter.lessons.length === 0 ? (
                <Typography.Text type="secondary" className="yx-au-lesson-empty">
                  {t('authoring.chapters.noLessons')}
                </Typography.Text>
              ) : (
                <ol className="yx-au-lessons">
                  {chapter.lessons.map((lesson, lessonIndex) => (
                    <li
                      key={lesson.id}
                      className="yx-au-lesson"
                      data-testid="lesson"
                      data-status={lesson.mediaStatus ?? 'none'}
                    >
                      <span className="yx-au-lesson-icon" aria-label={t(`authoring.lessons.kind.${lesson.kind}`)}>
                        {lesson.kind === 'video' ? <PlayCircleOutlined /> : <FilePdfOutlined />}
                      </span>
                      <span className="yx-au-lesson-main">
                        <Typography.Text className="yx-au-lesson-title">{lesson.title}</Typography.Text>
                        <LessonMeta lesson={lesson} />
                      </span>
                      <ItemActions actions={lessonActions(chapter, lesson, lessonIndex)} />
                    </li>
                  ))}
                </ol>
              )}
              <Flex gap={8} wrap className="yx-au-chapter-add">
                <Button
                  size="small"
                  icon={<PlayCircleOutlined />}
                  onClick={() => addLesson(chapter, 'video')}
                  data-testid="add-video-lesson"
                >
                  {t('authoring.lessons.addVideo')}
                </Button>
                <Button
                  size="small"
                  icon={<FilePdfOutlined />}
                  onClick={() => addLesson(chapter, 'document')}
                  data-testid="add-document-lesson"
                >
                  {t('authoring.lessons.addDocument')}
                </Button>
              </Flex>
            </section>
          ))}
        </Flex>
      )}
      <Button
        type="dashed"
        block
        icon={<PlusOutlined />}
        onClick={() => setChapterDialog({})}
        style={{ marginTop: 12 }}
        data-testid="add-chapter"
      >
        {t('authoring.chapters.add')}
      </Button>

      {chapterDialog && (
        <ChapterDialog courseId={course.id} chapter={chapterDialog.chapter} onClose={() => setChapterDialog(null)} />
      )}
      {mediaTarget && <LessonMediaDialog target={mediaTarget} onClose={() => setMediaTarget(null)} />}
      {editing && <LessonEditDialog courseId={course.id} lesson={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
