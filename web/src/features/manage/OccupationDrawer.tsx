import { EditOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Descriptions, Drawer, Flex, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/QueryState';
import { useIsMobile } from '../../ui/useIsMobile';
import { useLevels } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import { occupationLabel } from '../authoring/OccupationSelect';
import { named } from '../authoring/types';
import { useOccupation } from './api';
import { OccupationEditDialog } from './OccupationEditDialog';
import { StandardDialog } from './StandardDialog';
import type { OccupationDetail, Standard } from './types';

/** One occupation: its place in the classification, names and tags, and the training standard of each level. */
export function OccupationDrawer({ code, onClose }: { code: string | null; onClose: () => void }) {
  const { i18n } = useTranslation();
  const mobile = useIsMobile();
  const occupation = useOccupation(code);
  const data = occupation.data;

  return (
    <Drawer
      open={!!code}
      onClose={onClose}
      size={mobile ? '100%' : 720}
      title={data ? occupationLabel(data.name, data.code, i18n.language) : code}
      destroyOnHidden
    >
      <QueryState loading={occupation.isLoading} error={occupation.error} onRetry={() => void occupation.refetch()}>
        {data && <OccupationBody occupation={data} />}
      </QueryState>
    </Drawer>
  );
}

function OccupationBody({ occupation }: { occupation: OccupationDetail }) {
  const { t, i18n } = useTranslation();
  const levels = useLevels();
  const [editing, setEditing] = useState(false);
  const [standard, setStandard] = useState<{ level: number; current?: Standard } | null>(null);
  const allLevels = (levels.data ?? []).map((l) => l.level);

  return (
    <Flex vertical gap={16} data-testid="occupation-detail">
      <Breadcrumb
        items={occupation.path.map((p) => ({ title: `${p.code} ${named(p.name, i18n.language)}` }))}
        separator="›"
      />
      <Card
        size="small"
        title={t('manage.occupations.basics')}
        extra={
          <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="occupation-edit">
            {t('manage.occupations.editNames')}
          </Button>
        }
      >
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'zh', label: t('manage.occupations.nameZh'), children: occupation.name.zh },
            { key: 'en', label: t('manage.occupations.nameEn'), children: occupation.name.en },
            {
              key: 'tags',
              label: t('manage.occupations.tags'),
              children: occupation.tags.length ? (
                <Flex gap={4} wrap>
                  {occupation.tags.map((tag) => (
                    <Tag key={tag}>{tag}</Tag>
                  ))}
                </Flex>
              ) : (
                '—'
              ),
            },
            {
              key: 'categories',
              label: t('manage.occupations.courseCategories'),
              children: occupation.courseCategories.length
                ? occupation.courseCategories
                    .map((c) => named(c.name, i18n.language))
                    .join(t('authoring.listSeparator'))
                : '—',
            },
            { key: 'courses', label: t('manage.occupations.courses'), children: occupation.courseCount },
            {
              key: 'edition',
              label: t('manage.occupations.edition'),
              children: t('manage.occupations.editionValue', { edition: occupation.edition }),
            },
          ]}
        />
      </Card>

      <Typography.Title level={5} style={{ margin: 0 }}>
        {t('manage.occupations.standardsTitle')}
      </Typography.Title>
      {allLevels.map((level) => {
        const current = occupation.standards.find((s) => s.level === level);
        return (
          <Card
            key={level}
            size="small"
            data-testid="standard-card"
            data-level={level}
            title={
              <Flex gap={8} align="center" wrap>
                <span>{levelLabel(levels.data, level, i18n.language)}</span>
                {current?.estimated && <Tag color="orange">{t('manage.occupations.estimated')}</Tag>}
              </Flex>
            }
            extra={
              <Button
                size="small"
                type={current ? 'default' : 'dashed'}
                icon={<EditOutlined />}
                onClick={() => setStandard({ level, current })}
              >
                {current ? t('manage.occupations.editStandard') : t('manage.occupations.addStandard')}
              </Button>
            }
          >
            {current ? (
              <Descriptions
                column={{ xs: 1, sm: 2 }}
                size="small"
                items={[
                  {
                    key: 'min',
                    label: t('manage.occupations.minHours'),
                    children: t('manage.occupations.hoursValue', { hours: current.minHours }),
                  },
                  { key: 'online', label: t('manage.occupations.maxOnline'), children: `${current.maxOnlinePercent}%` },
                  {
                    key: 'modules',
                    label: t('manage.occupations.modules'),
                    span: 'filled',
                    children: (
                      <Flex gap={4} wrap>
                        {current.modules.map((m) => (
                          <Tag key={m.zh}>{i18n.language === 'en' ? m.en : m.zh}</Tag>
                        ))}
                      </Flex>
                    ),
                  },
                  {
                    key: 'basis',
                    label: current.estimated ? t('manage.occupations.estimateBasis') : t('manage.occupations.basis'),
                    span: 'filled',
                    children: (
                      <Typography.Paragraph
                        type="secondary"
                        style={{ margin: 0 }}
                        ellipsis={{ rows: 3, expandable: 'collapsible' }}
                      >
                        {current.basis}
                      </Typography.Paragraph>
                    ),
                  },
                ]}
              />
            ) : (
              <Typography.Text type="secondary">{t('manage.occupations.noStandard')}</Typography.Text>
            )}
          </Card>
        );
      })}

      {editing && <OccupationEditDialog occupation={occupation} onClose={() => setEditing(false)} />}
      {standard && (
        <StandardDialog
          occupation={occupation}
          level={standard.level}
          current={standard.current}
          onClose={() => setStandard(null)}
        />
      )}
    </Flex>
  );
}
