// The stage of a learner and the class's hours requirement, shared by the hours tab and the learner drawer.
import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HoursPlan, LearnerStage, Verification } from './types';

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

/** A red mark where the stored online figure is not what the evidence chain gives, with the chain's figure. */
export function ChainMismatchTag({ verification }: { verification: Verification | undefined }) {
  const { t } = useTranslation();
  if (verification?.status !== 'mismatch') return null;
  const minutes = Math.floor((verification.chainOnlineSeconds ?? 0) / 60);
  return (
    <Tooltip title={t('classes.hours.mismatchNote', { minutes })}>
      <Tag color="red" data-testid="hours-mismatch">
        {t('classes.hours.mismatch')}
      </Tag>
    </Tooltip>
  );
}
