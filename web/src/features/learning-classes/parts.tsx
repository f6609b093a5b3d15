// Small pieces shared by the learner's class pages.
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { useLevels } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import type { MyClassSummary, Phase } from './types';

const PHASE_COLORS: Record<Phase, string> = { upcoming: 'blue', running: 'green', ended: 'default' };

export function PhaseTag({ phase }: { phase: Phase }) {
  const { t } = useTranslation();
  return (
    <Tag color={PHASE_COLORS[phase]} data-testid="class-phase" data-phase={phase}>
      {t(`learnerClasses.phase.${phase}`)}
    </Tag>
  );
}

/** Why learning is (not) allowed now, in words: the server's reason, made precise with the class's dates. */
export function gateText(
  t: TFunction,
  language: string,
  summary: Pick<MyClassSummary, 'learning' | 'phase' | 'startDate' | 'endDate'>,
): string {
  const dates = { start: formatDate(summary.startDate, language), end: formatDate(summary.endDate, language) };
  const { reason } = summary.learning;
  if (reason === 'outside_period' && summary.phase !== 'running')
    return t(`learnerClasses.gate.${summary.phase}`, dates);
  return t(`learnerClasses.gate.${reason}`, dates);
}

export function LevelText({ level }: { level: number }) {
  const { i18n } = useTranslation();
  const levels = useLevels();
  return <>{levelLabel(levels.data, level, i18n.language)}</>;
}

export function periodText(language: string, summary: { startDate: string; endDate: string }): string {
  return `${formatDate(summary.startDate, language)} – ${formatDate(summary.endDate, language)}`;
}

/** The occupation's name in the reader's language. */
export function occupationName(
  language: string,
  summary: { occupationName: string; occupationNameEn: string },
): string {
  return language === 'en' && summary.occupationNameEn ? summary.occupationNameEn : summary.occupationName;
}
