import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, List, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { can } from '../../app/sections';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatBeijingMinute } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { useIsMobile } from '../../ui/useIsMobile';
import { usePapers } from './api';
import type { PaperView } from './types';
import './question-banks.css';

/** 试卷: the papers in scope with their kind, how questions are chosen and the total score. */
export function PapersPage() {
  const { t, i18n } = useTranslation();
  const mobile = useIsMobile();
  const me = useMe().data;
  const papers = usePapers();
  const manage = !!me && can(me, 'papers.manage');
  const columns: TableProps<PaperView>['columns'] = [
    { key: 'name', title: t('qb.name'), render: (_, p) => <Link to={`/papers/${p.id}`}>{p.name}</Link> },
    { key: 'kind', title: t('qb.kind'), render: (_, p) => <Tag>{t(`qb.kinds.${p.kind}`)}</Tag> },
    { key: 'mode', title: t('qb.mode'), render: (_, p) => t(`qb.modes.${p.mode}`) },
    { key: 'count', title: t('qb.questionCount'), dataIndex: 'questionCount', align: 'right' },
    { key: 'score', title: t('qb.totalScore'), dataIndex: 'totalScore', align: 'right' },
    { key: 'updated', title: t('qb.updatedAt'), render: (_, p) => formatBeijingMinute(p.updatedAt, i18n.language) },
  ];
  return (
    <div className="yx-qb-page">
      <PageHeader
        title={t('qb.papersTitle')}
        extra={
          manage && (
            <Link to="/papers/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t('qb.newPaper')}
              </Button>
            </Link>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('qb.papersIntro')}</Typography.Paragraph>
      <ErrorAlert error={papers.error} />
      {mobile ? (
        <List<PaperView>
          dataSource={papers.data ?? []}
          loading={papers.isLoading}
          locale={{ emptyText: t('qb.emptyPapers') }}
          renderItem={(p) => (
            <Card size="small" className="yx-qb-card">
              <Link to={`/papers/${p.id}`} className="yx-qb-card-title">
                {p.name}
              </Link>
              <div className="yx-qb-muted">
                {t(`qb.kinds.${p.kind}`)} · {t(`qb.modes.${p.mode}`)} · {p.questionCount} · {t('qb.totalScore')}{' '}
                {p.totalScore}
              </div>
            </Card>
          )}
        />
      ) : (
        <Table<PaperView>
          rowKey="id"
          columns={columns}
          dataSource={papers.data ?? []}
          loading={papers.isLoading}
          pagination={false}
          locale={{ emptyText: t('qb.emptyPapers') }}
        />
      )}
    </div>
  );
}
