import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useColumns } from './api';
import { CourseCard } from './CourseCard';
import { named } from './mode';
import type { SkillLevel } from './types';

type Props = { region: string; base: string; levels: SkillLevel[] | undefined };

/** The region's featured columns (and those of its city and province), each a row of course cards that scrolls sideways. */
export function FeaturedColumns({ region, base, levels }: Props) {
  const { t, i18n } = useTranslation();
  const columns = useColumns(region);
  if (!columns.data?.length) return null;
  return (
    <Flex vertical gap={16}>
      {columns.data.map((column) => (
        <section key={column.id} className="yx-column" data-testid="featured-column">
          <Flex align="baseline" gap={8} wrap className="yx-column-head">
            <Typography.Title level={4} style={{ margin: 0 }}>
              {named(column.title, i18n.language)}
            </Typography.Title>
            {column.regionName && (
              <Typography.Text type="secondary">
                {t('catalog.columns.region', { region: column.regionName })}
              </Typography.Text>
            )}
          </Flex>
          <div className="yx-column-row">
            {column.courses.map((course) => (
              <CourseCard key={course.id} course={course} base={base} levels={levels} compact />
            ))}
          </div>
        </section>
      ))}
    </Flex>
  );
}
