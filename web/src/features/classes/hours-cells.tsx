// The stage of a learner and the class's hours requirement, shared by the hours tab and the learner drawer.
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HoursPlan, LearnerStage } from './types';

export const STAGE_COLORS: Record<LearnerStage, string> = {
  not_started: 'default',
  learning: 'processing',
  theory_complete: 'cyan',
  completed: 'success',
};

export function StageTag({ stage }: { stage: LearnerStage }) {
  const { t } = useTranslation();
  return (
    <Tag color={STAGE_COLORS[stage]} data-testid="stage" data-stage={stage}>
      {t(`classes.hours.stages.${stage}`)}
    </Tag>
  );
}

export function PlanLine({ plan }: { plan: HoursPlan }) {
  const { t } = useTranslation();
  return (
    <Typography.Text type="secondary" data-testid="hours-plan">
      {t('classes.hours.plan', {
        minutes: plan.classHourMinutes,
        online: plan.onlineRequiredHours,
        offline: plan.offlineRequiredHours,
        total: plan.requiredHours,
      })}
      {plan.onlineHourFactor < 1 &&
        ` · ${t('classes.hours.factor', { percent: Math.round(plan.onlineHourFactor * 100) })}`}
    </Typography.Text>
  );
}
