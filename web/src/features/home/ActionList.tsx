import { RightOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { HomeSummary } from '../../api/types';

/** What the user can do today, from /api/home; labels come from home.actions.<key>. */
export function ActionList({ actions }: { actions: HomeSummary['actions'] }) {
  const { t } = useTranslation();
  return (
    <Card title={t('home.today')}>
      {actions.length === 0 ? (
        <Typography.Text type="secondary">{t('home.noActions')}</Typography.Text>
      ) : (
        <ul className="yx-action-list">
          {actions.map((action) => (
            <li key={action.key}>
              <Link to={action.path} className="yx-action-link" data-testid={`home-action-${action.key}`}>
                <span>{t(`home.actions.${action.key}`, { defaultValue: action.key })}</span>
                <RightOutlined />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
