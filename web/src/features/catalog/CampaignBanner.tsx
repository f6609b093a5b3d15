import { GiftOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../ui/format';
import { useCampaigns, useCategories } from './api';
import { named } from './mode';
import type { Campaign } from './types';

type Props = { region: string | null; onCategory: (code: string) => void };

/** Free-access campaigns that apply in the region (nationwide ones for visitors). */
export function CampaignBanner({ region, onCategory }: Props) {
  const campaigns = useCampaigns(region);
  if (!campaigns.data?.length) return null;
  return (
    <Flex vertical gap={8}>
      {campaigns.data.map((campaign) => (
        <CampaignAlert key={campaign.id} campaign={campaign} onCategory={onCategory} />
      ))}
    </Flex>
  );
}

function CampaignAlert({ campaign, onCategory }: { campaign: Campaign; onCategory: (code: string) => void }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const categories = useCategories();
  const names = campaign.categoryCodes.map(
    (code) => named(categories.data?.find((c) => c.code === code)?.name, language) ?? code,
  );
  const scope = campaign.regionName ?? t('catalog.campaign.nationwide');
  const covers = [
    names.length > 0 ? t('catalog.campaign.categories', { names: names.join(language === 'en' ? ', ' : '、') }) : null,
    campaign.courseIds.length > 0 ? t('catalog.campaign.courses', { count: campaign.courseIds.length }) : null,
  ].filter(Boolean);
  const first = campaign.categoryCodes[0];
  return (
    <Alert
      type="success"
      showIcon
      icon={<GiftOutlined />}
      className="yx-stack-alert"
      data-testid="campaign-banner"
      title={
        <Flex gap={8} wrap align="center">
          <strong>{named(campaign.name, language)}</strong>
          <Tag color={campaign.state === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
            {t(`catalog.campaign.${campaign.state === 'active' ? 'active' : 'upcoming'}`)}
          </Tag>
        </Flex>
      }
      description={
        <>
          <div>
            {t('catalog.campaign.period', {
              scope,
              start: formatDate(campaign.startsAt, language),
              end: formatDate(campaign.endsAt, language),
            })}
          </div>
          {covers.length > 0 && <div>{covers.join(' · ')}</div>}
        </>
      }
      action={
        first ? (
          <Button size="small" type="primary" ghost onClick={() => onCategory(first)}>
            {t('catalog.campaign.view')}
          </Button>
        ) : undefined
      }
    />
  );
}
