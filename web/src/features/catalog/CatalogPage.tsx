import { Card, Empty, Flex, Pagination, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../api/auth';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatNumber } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { useCourses, useLevels } from './api';
import { CampaignBanner } from './CampaignBanner';
import { CatalogFilters } from './CatalogFilters';
import { CourseCard } from './CourseCard';
import { FeaturedColumns } from './FeaturedColumns';
import { useCatalogMode } from './mode';
import { PAGE_SIZE, useCatalogParams } from './params';
import './catalog.css';

type Home = { code: string; name: string } | null;

/** The catalogue: /catalog for signed-in users (filtered to their region by default), /explore for visitors. */
export function CatalogPage() {
  const { visitor, base } = useCatalogMode();
  return visitor ? <Catalog base={base} home={null} visitor /> : <SignedInCatalog base={base} />;
}

function SignedInCatalog({ base }: { base: string }) {
  const me = useMe().data;
  if (!me) return null;
  const { regionCode, regionName } = me.user;
  return (
    <Catalog
      base={base}
      home={regionCode ? { code: regionCode, name: regionName ?? regionCode } : null}
      visitor={false}
    />
  );
}

function Catalog({ base, home, visitor }: { base: string; home: Home; visitor: boolean }) {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const { current, update, filtered } = useCatalogParams();
  const region = home && !current.regionCleared ? home.code : undefined;
  const levels = useLevels();
  const courses = useCourses({
    q: current.q,
    category: current.category,
    occupation: current.occupation,
    level: current.level,
    region,
    page: current.page,
    pageSize: PAGE_SIZE,
  });
  const items = courses.data?.items ?? [];
  const total = courses.data?.total ?? 0;

  return (
    <Flex vertical gap={16} className="yx-catalog">
      <div>
        <PageHeader title={t(visitor ? 'catalog.exploreTitle' : 'catalog.title')} />
        <Typography.Paragraph type="secondary" style={{ marginTop: -8, marginBottom: 0 }}>
          {t(visitor ? 'catalog.visitor.intro' : 'catalog.subtitle')}
        </Typography.Paragraph>
      </div>
      <CampaignBanner
        region={home?.code ?? null}
        onCategory={(category) => update({ category, occupation: undefined })}
      />
      <Card>
        <CatalogFilters current={current} update={update} filtered={filtered} levels={levels.data} home={home} />
      </Card>
      {home && !filtered && current.page === 1 && (
        <FeaturedColumns region={home.code} base={base} levels={levels.data} />
      )}
      <section aria-live="polite">
        <Flex justify="space-between" align="baseline" wrap gap={8} className="yx-results-head">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {current.q ? t('catalog.searching', { q: current.q }) : t('catalog.allCourses')}
          </Typography.Title>
          {courses.data && (
            <Typography.Text type="secondary" data-testid="catalog-total">
              {t('catalog.resultCount', { total: formatNumber(total, i18n.language) })}
            </Typography.Text>
          )}
        </Flex>
        <ErrorAlert error={courses.error} className="yx-form-alert" />
        {courses.isPending ? (
          <Flex justify="center" style={{ padding: 48 }}>
            <Spin />
          </Flex>
        ) : items.length === 0 && !courses.error ? (
          <Card>
            <Empty
              description={
                <>
                  <div>{t(filtered ? 'catalog.empty' : 'catalog.noCourses')}</div>
                  {filtered && <Typography.Text type="secondary">{t('catalog.emptyHint')}</Typography.Text>}
                </>
              }
              data-testid="catalog-empty"
            />
          </Card>
        ) : (
          <Spin spinning={courses.isFetching && courses.isPlaceholderData}>
            <div className="yx-course-grid" data-testid="course-grid">
              {items.map((course) => (
                <CourseCard key={course.id} course={course} base={base} levels={levels.data} />
              ))}
            </div>
          </Spin>
        )}
        {total > PAGE_SIZE && (
          <Flex justify="center" style={{ marginTop: 24 }}>
            <Pagination
              current={current.page}
              pageSize={PAGE_SIZE}
              total={total}
              simple={mobile}
              showSizeChanger={false}
              onChange={(page) => {
                update({ page });
                window.scrollTo({ top: 0 });
              }}
            />
          </Flex>
        )}
      </section>
    </Flex>
  );
}
