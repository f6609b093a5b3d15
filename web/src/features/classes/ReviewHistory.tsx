import { Card, Flex, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import type { ReviewEntry } from './types';

const COLORS: Record<string, string> = { submitted: 'blue', approved: 'green', returned: 'orange', rejected: 'red' };

function actionKey(action: string): string {
  return action.replace(/^change_/, '');
}

/** Every step of the application: who did what when, and what they wrote. */
export function ReviewHistory({ reviews }: { reviews: ReviewEntry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small" title={t('classes.history.title')} data-testid="review-history">
      {reviews.length === 0 ? (
        <Typography.Text type="secondary">{t('classes.history.empty')}</Typography.Text>
      ) : (
        <Timeline
          className="yx-cl-history"
          items={[...reviews].reverse().map((r, index) => ({
            key: `${r.at}-${index}`,
            color: COLORS[actionKey(r.action)] ?? 'gray',
            content: (
              <div data-testid="review-entry" data-action={r.action}>
                <Flex gap={8} wrap align="center">
                  <Tag color={COLORS[actionKey(r.action)] ?? 'default'}>
                    {t(`classes.history.actions.${r.action}`, { defaultValue: r.action })}
                  </Tag>
                  <Typography.Text>{r.actorName}</Typography.Text>
                  <Typography.Text type="secondary" className="yx-cl-sub">
                    {formatDateTime(r.at, i18n.language)}
                  </Typography.Text>
                </Flex>
                {r.comment && (
                  <Typography.Paragraph className="yx-cl-comment" data-testid="review-comment">
                    {r.comment}
                  </Typography.Paragraph>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
