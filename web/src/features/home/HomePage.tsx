import { Col, Flex, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { QueryState } from '../../ui/QueryState';
import { RoleTag } from '../../ui/RoleTag';
import { ActionList } from './ActionList';
import { useHome } from './api';
import { SessionCard } from '../profile/SessionCard';
import { StatCards } from './StatCards';

export function HomePage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const home = useHome();
  if (!me) return null;
  const { user } = me;
  // The learner's institution is already one of the cards; staff see what they are responsible for.
  const institutionCard = home.data?.cards.some((card) => card.key === 'institution');
  const scope =
    user.institutionName && !institutionCard
      ? t('home.institution', { name: user.institutionName })
      : user.regionName && !user.institutionName
        ? t('home.scope', { scope: user.regionName })
        : null;

  return (
    <Flex vertical gap={16}>
      <div>
        <Flex align="center" gap={8} wrap>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-greeting">
            {t('home.greeting', { name: user.name })}
          </Typography.Title>
          <RoleTag role={user.role} />
        </Flex>
        {scope && <Typography.Text type="secondary">{scope}</Typography.Text>}
      </div>
      <QueryState loading={home.isPending} error={home.error} onRetry={() => void home.refetch()}>
        {home.data && (
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Flex vertical gap={16}>
                <StatCards cards={home.data.cards} />
                <ActionList actions={home.data.actions} />
              </Flex>
            </Col>
            <Col xs={24} lg={8}>
              <SessionCard me={me} />
            </Col>
          </Row>
        )}
      </QueryState>
    </Flex>
  );
}
