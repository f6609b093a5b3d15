import { Flex, Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { PageHeader } from '../../ui/PageHeader';
import type { DashboardQuery } from './api';
import { PlatformPanel } from './PlatformPanel';
import { RegionDashboard } from './RegionDashboard';
import './dashboard.css';

/**
 * 数据看板: regulators see their region subtree and drill into the regions and institutions below; an institution's
 * administrator sees the institution; the operator has platform statistics and any region. The scope lives in the URL.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const me = useMe().data;
  const [params, setParams] = useSearchParams();
  const query: DashboardQuery = {
    region: params.get('region') ?? undefined,
    institutionId: params.get('institutionId') ?? undefined,
  };
  const platform = !!me && can(me, 'stats.platform');
  const tab =
    platform && params.get('tab') !== 'region' && !query.region && !query.institutionId ? 'platform' : 'region';
  const scope = (next: DashboardQuery) => {
    const search = new URLSearchParams();
    if (platform) search.set('tab', 'region');
    if (next.region) search.set('region', next.region);
    if (next.institutionId) search.set('institutionId', next.institutionId);
    setParams(search);
  };
  const region = <RegionDashboard query={query} onScope={scope} />;
  return (
    <Flex vertical gap={8}>
      <PageHeader title={t('dashboard.title')} />
      {platform ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'region' ? { tab: 'region' } : {})}
          items={[
            {
              key: 'platform',
              label: t('dashboard.tabs.platform'),
              children: tab === 'platform' && <PlatformPanel onProvince={(code) => scope({ region: code })} />,
            },
            { key: 'region', label: t('dashboard.tabs.region'), children: tab === 'region' && region },
          ]}
        />
      ) : (
        region
      )}
    </Flex>
  );
}
