import { Card, Col, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import type { HomeSummary } from '../../api/types';
import { formatNumber } from '../../ui/format';

/** The figures of /api/home; labels come from home.cards.<key>. */
export function StatCards({ cards }: { cards: HomeSummary['cards'] }) {
  const { t, i18n } = useTranslation();
  return (
    <Row gutter={[16, 16]}>
      {cards.map((card) => (
        <Col
          key={card.key}
          xs={12}
          md={8}
          xl={6}
          style={typeof card.value === 'string' ? { flexBasis: '100%', maxWidth: 480 } : undefined}
        >
          <Card className="yx-stat-card" data-testid={`home-card-${card.key}`}>
            <Statistic
              title={t(`home.cards.${card.key}`, { defaultValue: card.key })}
              value={formatNumber(card.value, i18n.language)}
              styles={typeof card.value === 'string' ? { content: { fontSize: 20 } } : undefined}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
