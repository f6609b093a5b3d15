import { PlayCircleOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';

type Props = { classId: string; courseId: string; allowed: boolean; refusal: string };

/** Where a learner starts learning a course of their class: the class's lesson list and player. */
export function StartLearningButton({ classId, allowed, refusal }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const to = `/learn/${encodeURIComponent(classId)}`;
  return (
    <Tooltip title={allowed ? undefined : refusal}>
      {/* A disabled button swallows hover events: the span lets the tooltip say why. */}
      <span className="yx-lc-start">
        <Button
          type="primary"
          size="small"
          icon={<PlayCircleOutlined />}
          disabled={!allowed}
          onClick={() => navigate(to)}
          data-testid="start-learning"
          data-allowed={String(allowed)}
        >
          {t('learnerClasses.page.startLearning')}
        </Button>
      </span>
    </Tooltip>
  );
}
