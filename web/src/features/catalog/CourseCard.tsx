import { ClockCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatNumber } from '../../ui/format';
import { coursePath, levelLabel, named } from './mode';
import { Poster } from './Poster';
import type { CourseSummary, SkillLevel } from './types';

type Props = { course: CourseSummary; base: string; levels: SkillLevel[] | undefined; compact?: boolean };

/** A course in a grid or a featured row: poster, title, who teaches it, occupation and level, hours and lessons. */
export function CourseCard({ course, base, levels, compact }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const occupation = named(course.occupationName, language);
  const level = levelLabel(levels, course.level, language);
  const subject =
    [occupation, level].filter(Boolean).join(' · ') ||
    named(course.categoryName, language) ||
    t('catalog.generalCourse');
  return (
    <Link
      to={coursePath(base, course.id)}
      className={`yx-course-card${compact ? ' yx-course-card-compact' : ''}`}
      data-testid="course-card"
      data-course-id={course.id}
    >
      <div className="yx-course-card-media">
        <Poster
          mediaId={course.posterMediaId}
          alt={t('catalog.poster', { title: course.title })}
          caption={named(course.categoryName, language) ?? occupation}
        />
        {course.free && (
          <Tag color="red" variant="solid" className="yx-course-card-free" data-testid="course-free">
            {t('catalog.free')}
          </Tag>
        )}
      </div>
      <div className="yx-course-card-body">
        <Typography.Text strong className="yx-course-card-title" title={course.title} data-testid="course-card-title">
          {course.title}
        </Typography.Text>
        <Typography.Text type="secondary" className="yx-course-card-line">
          {course.institutionName ?? t('catalog.platformCourse')}
        </Typography.Text>
        <Typography.Text className="yx-course-card-line yx-course-card-subject" title={subject}>
          {subject}
        </Typography.Text>
        <span className="yx-course-card-meta">
          <span>
            <ClockCircleOutlined aria-hidden />{' '}
            {/* Under a tenth of a class hour the hours read 0: the minutes say more. */}
            {course.classHours > 0 || course.minutes === 0
              ? t('catalog.classHours', { hours: formatNumber(course.classHours, language), count: course.classHours })
              : t('catalog.course.minutes', { minutes: formatNumber(course.minutes, language) })}
          </span>
          <span>
            <PlayCircleOutlined aria-hidden /> {t('catalog.lessons', { count: course.lessonCount })}
          </span>
        </span>
      </div>
    </Link>
  );
}
