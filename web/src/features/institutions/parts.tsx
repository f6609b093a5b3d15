// Pieces shared by the application page and the review page: status, history, documents, details.
import {
  CheckCircleFilled,
  DeleteOutlined,
  ExclamationCircleFilled,
  FileImageOutlined,
  FilePdfOutlined,
} from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, List, Popconfirm, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../ui/format';
import { formatMinute } from '../classes/cells';
import { useIsMobile } from '../../ui/useIsMobile';
import type { Application, InstitutionDocument, InstitutionStatus, Requirement, ReviewEntry } from './types';

const STATUS_COLORS: Record<InstitutionStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  rejected: 'error',
  active: 'success',
  suspended: 'volcano',
};

export function InstitutionStatusTag({ status }: { status: InstitutionStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="institution-status" data-status={status}>
      {t(`institutions.status.${status}`)}
    </Tag>
  );
}

/** The overdue tag is the review queue's (ui/DeadlineQueue), the same on every page. */
export { OverdueTag } from '../../ui/DeadlineQueue';

export function formatBytes(bytes: number, language: string): string {
  const format = (n: number) =>
    new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 1 }).format(n);
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024)} KB`;
  return `${format(bytes / 1024 / 1024)} MB`;
}

const HISTORY_COLORS: Record<ReviewEntry['action'], string> = {
  submitted: 'blue',
  approved: 'green',
  returned: 'orange',
  rejected: 'red',
  suspended: 'red',
  reinstated: 'green',
};

/** Every step of the application and of the institution's supervision, newest first, with what was written. */
export function ReviewTimeline({ reviews }: { reviews: ReviewEntry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card size="small" title={t('institutions.application.history')} data-testid="review-history">
      {reviews.length === 0 ? (
        <Typography.Text type="secondary">{t('institutions.application.historyEmpty')}</Typography.Text>
      ) : (
        <Timeline
          className="yx-in-history"
          items={[...reviews].reverse().map((r, index) => ({
            key: `${r.at}-${index}`,
            color: HISTORY_COLORS[r.action] ?? 'gray',
            content: (
              <div data-testid="review-entry" data-action={r.action}>
                <Flex gap={8} wrap align="center">
                  <Tag color={HISTORY_COLORS[r.action]}>{t(`institutions.application.actions.${r.action}`)}</Tag>
                  <Typography.Text>{r.actorName}</Typography.Text>
                  <Typography.Text type="secondary" className="yx-in-sub">
                    {formatDateTime(r.at, i18n.language)}
                  </Typography.Text>
                </Flex>
                {r.comment && (
                  <Typography.Paragraph className="yx-in-comment" data-testid="review-comment">
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

/** Requirements matter while the application is under way; afterwards (and for institutions older than registration) the files speak. */
export function showsRequirements(status: InstitutionStatus): boolean {
  return status === 'draft' || status === 'returned' || status === 'submitted';
}

/** The documents the kind of institution needs, each ticked once a document of a fitting kind is there. */
export function RequirementList({ requirements }: { requirements: Requirement[] }) {
  const { t } = useTranslation();
  return (
    <div data-testid="requirements">
      <Typography.Text strong>{t('institutions.application.requiredTitle')}</Typography.Text>
      {requirements.map((r) => (
        <div
          key={r.key}
          className="yx-in-requirement"
          data-testid="requirement"
          data-key={r.key}
          data-satisfied={String(r.satisfied)}
        >
          {r.satisfied ? (
            <CheckCircleFilled className="yx-in-requirement-ok" />
          ) : (
            <ExclamationCircleFilled className="yx-in-requirement-missing" />
          )}
          <span>
            {t(`institutions.requirement.${r.key}`)}
            <Typography.Text type={r.satisfied ? 'success' : 'warning'} className="yx-in-sub">
              {' · '}
              {r.satisfied ? t('institutions.application.requiredDone') : t('institutions.application.requiredMissing')}
            </Typography.Text>
          </span>
        </div>
      ))}
    </div>
  );
}

type DocumentListProps = {
  documents: InstitutionDocument[];
  onDelete?: (document: InstitutionDocument) => void;
  deleting?: string | null;
};

/** Files open in a new tab (the browser shows PDFs and images itself); deletable while the application is editable. */
export function DocumentList({ documents, onDelete, deleting }: DocumentListProps) {
  const { t, i18n } = useTranslation();
  return (
    <List<InstitutionDocument>
      dataSource={documents}
      locale={{ emptyText: t('institutions.application.noDocuments') }}
      renderItem={(d) => (
        <List.Item
          className="yx-in-doc"
          data-testid="document"
          data-kind={d.kind}
          actions={
            onDelete
              ? [
                  <Popconfirm
                    key="delete"
                    title={t('institutions.application.deleteConfirm', { name: d.fileName })}
                    okText={t('institutions.application.delete')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => onDelete(d)}
                  >
                    <Button
                      type="text"
                      danger
                      size="small"
                      icon={<DeleteOutlined />}
                      loading={deleting === d.id}
                      aria-label={t('institutions.application.delete')}
                      data-testid="document-delete"
                    />
                  </Popconfirm>,
                ]
              : undefined
          }
        >
          <List.Item.Meta
            avatar={
              d.mime === 'application/pdf' ? (
                <FilePdfOutlined style={{ fontSize: 22, color: '#cf1322' }} />
              ) : (
                <FileImageOutlined style={{ fontSize: 22, color: '#1668dc' }} />
              )
            }
            title={
              <a
                href={d.url}
                target="_blank"
                rel="noopener noreferrer"
                className="yx-in-doc-name"
                data-testid="document-link"
              >
                {d.fileName}
              </a>
            }
            description={
              <Flex gap={8} wrap align="center">
                <Tag>{t(`institutions.documentKind.${d.kind}`)}</Tag>
                <Typography.Text type="secondary" className="yx-in-sub">
                  {formatBytes(d.size, i18n.language)} · {formatMinute(d.createdAt, i18n.language)}
                </Typography.Text>
              </Flex>
            }
          />
        </List.Item>
      )}
    />
  );
}

/** The application's details as submitted. */
export function ApplicationDetails({ application, extra }: { application: Application; extra?: ReactNode }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  const value = (v: string | null) => v ?? <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Card size="small" title={t('institutions.application.details')} extra={extra} className="yx-in-details">
      <Descriptions size="small" column={1} bordered={!mobile} data-testid="application-details">
        <Descriptions.Item label={t('institutions.fields.name')}>{application.name}</Descriptions.Item>
        <Descriptions.Item label={t('institutions.fields.kind')}>
          {t(`institutions.kind.${application.kind}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('institutions.fields.creditCode')}>
          <Typography.Text className="yx-mono">{application.creditCode}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('institutions.fields.region')}>{value(application.regionName)}</Descriptions.Item>
        <Descriptions.Item label={t('institutions.fields.address')}>{value(application.address)}</Descriptions.Item>
        <Descriptions.Item label={t('institutions.fields.legalRepresentative')}>
          {value(application.legalRepresentative)}
        </Descriptions.Item>
        <Descriptions.Item label={t('institutions.fields.contactName')}>
          {application.contactName
            ? `${application.contactName}${application.contactPhoneMasked ? ` · ${application.contactPhoneMasked}` : ''}`
            : value(null)}
        </Descriptions.Item>
        <Descriptions.Item label={t('institutions.fields.businessScope')}>
          <span className="yx-in-pre">{value(application.businessScope)}</span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
