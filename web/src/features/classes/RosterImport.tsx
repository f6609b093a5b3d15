import {
  CheckCircleFilled,
  DownloadOutlined,
  FileExcelOutlined,
  SearchOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Space, Table, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { templateUrl, useImportRoster } from './api';
import type { ImportMode, ImportReport, RowIssue } from './types';

const num = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const issues = (value: unknown): RowIssue[] =>
  Array.isArray(value) ? (value as RowIssue[]).filter((i) => i && typeof i === 'object') : [];

/**
 * The report as the server sent it, read defensively: a field missing from an older or newer server shows as zero
 * or an empty list rather than breaking the page.
 */
function normalize(raw: unknown): ImportReport {
  const r = (raw ?? {}) as Partial<ImportReport>;
  const capacity = (r.capacity ?? {}) as Partial<ImportReport['capacity']>;
  const errors = issues(r.errors);
  const invalid = typeof r.invalid === 'number' ? r.invalid : new Set(errors.map((e) => e.row)).size;
  const rows = typeof r.rows === 'number' ? r.rows : invalid + num(r.valid);
  return {
    mode: r.mode ?? 'check',
    fileName: r.fileName ?? '',
    format: r.format ?? 'xlsx',
    rows,
    valid: typeof r.valid === 'number' ? r.valid : Math.max(0, rows - invalid),
    invalid,
    errors,
    warnings: issues(r.warnings),
    toEnrol: num(r.toEnrol),
    toCreate: num(r.toCreate),
    capacity: { limit: num(capacity.limit), enrolled: num(capacity.enrolled) },
    imported: r.imported,
    created: r.created,
  };
}

/** The server's message for a row in the UI language. */
function issueText(issue: RowIssue, language: string): string {
  return (language === 'en' ? issue.messages?.en : issue.messages?.['zh-CN']) ?? issue.code;
}

function IssueTable({ items, testId }: { items: RowIssue[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const columns: TableProps<RowIssue>['columns'] = [
    {
      key: 'row',
      title: t('classes.import.row'),
      dataIndex: 'row',
      width: 64,
      render: (row: number) => <span data-testid="issue-row">{row}</span>,
    },
    {
      key: 'field',
      title: t('classes.import.field'),
      width: 96,
      render: (_, issue) => (
        <span className="yx-cl-nowrap">
          {t(`classes.import.fields.${issue.field ?? 'row'}`, { defaultValue: String(issue.field) })}
        </span>
      ),
    },
    {
      key: 'reason',
      title: t('classes.import.reason'),
      render: (_, issue) => <span data-code={issue.code}>{issueText(issue, i18n.language)}</span>,
    },
  ];
  return (
    <Table<RowIssue>
      rowKey={(issue) => `${issue.row}-${issue.field ?? ''}-${issue.code}`}
      size="small"
      columns={columns}
      dataSource={items}
      pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      tableLayout="fixed"
      data-testid={testId}
    />
  );
}

function Report({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const over = report.capacity.limit > 0 && report.capacity.enrolled + report.toEnrol > report.capacity.limit;
  return (
    <Flex vertical gap={12} data-testid="import-report" data-invalid={report.invalid} data-valid={report.valid}>
      <Alert
        type={report.invalid > 0 ? 'warning' : 'success'}
        showIcon
        title={
          <span data-testid="import-summary">
            {t('classes.import.summary', { rows: report.rows, valid: report.valid, invalid: report.invalid })}
          </span>
        }
        description={
          <Flex vertical gap={2}>
            <span>{t('classes.import.willEnrol', { count: report.toEnrol, created: report.toCreate })}</span>
            <span>
              {t('classes.import.capacity', { limit: report.capacity.limit, enrolled: report.capacity.enrolled })}
            </span>
            {over && <Typography.Text type="danger">{t('classes.import.capacityExceeded')}</Typography.Text>}
            {report.invalid === 0 && <span>{t('classes.import.allGood')}</span>}
          </Flex>
        }
      />
      {report.errors.length > 0 && (
        <div>
          <Typography.Title level={5} className="yx-cl-report-title">
            {t('classes.import.errorsTitle', { count: report.errors.length })}
          </Typography.Title>
          <IssueTable items={report.errors} testId="import-errors" />
        </div>
      )}
      {report.warnings.length > 0 && (
        <div>
          <Typography.Title level={5} className="yx-cl-report-title">
            {t('classes.import.warningsTitle', { count: report.warnings.length })}
          </Typography.Title>
          <IssueTable items={report.warnings} testId="import-warnings" />
        </div>
      )}
    </Flex>
  );
}

/** Download the template, choose a file, check it row by row, then import all rows or only the valid ones. */
export function RosterImport({ classId }: { classId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const run = useImportRoster(classId);
  const [running, setRunning] = useState<ImportMode | null>(null);

  const send = (mode: ImportMode) => {
    if (!file) return;
    setError(null);
    setRunning(mode);
    run.mutate(
      { file, mode },
      {
        onSuccess: (raw) => {
          const result = normalize(raw);
          if (mode === 'check') {
            setReport(result);
            return;
          }
          const imported = num(result.imported);
          void message.success(
            imported > 0
              ? t('classes.import.done', { imported, created: num(result.created) })
              : t('classes.import.doneNone'),
          );
          setFile(null);
          setReport(null);
        },
        onError: (cause) => {
          // "All rows" refused because of errors carries the report: show it again with the rows to fix.
          if (isApiError(cause, 'ENROLMENT_FILE_HAS_ERRORS') && Array.isArray(cause.details.errors))
            setReport(normalize(cause.details));
          setError(cause);
        },
        onSettled: () => setRunning(null),
      },
    );
  };

  const choose = (chosen: File | undefined) => {
    setFile(chosen ?? null);
    setReport(null);
    setError(null);
  };

  return (
    <Card size="small" title={t('classes.import.title')} data-testid="roster-import">
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('classes.import.steps')}</Typography.Text>
        <Space wrap>
          <Button icon={<DownloadOutlined />} href={templateUrl(classId)} download data-testid="roster-template">
            {t('classes.import.template')}
          </Button>
          <Button icon={<UploadOutlined />} onClick={() => input.current?.click()} data-testid="roster-choose">
            {file ? t('classes.import.rechoose') : t('classes.import.choose')}
          </Button>
          <input
            ref={input}
            type="file"
            hidden
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            data-testid="roster-file-input"
            onChange={(event) => {
              choose(event.target.files?.[0]);
              event.target.value = '';
            }}
          />
          <Button
            type="primary"
            icon={<SearchOutlined />}
            disabled={!file}
            loading={running === 'check'}
            onClick={() => send('check')}
            data-testid="roster-check"
          >
            {t('classes.import.check')}
          </Button>
        </Space>
        {file ? (
          <Flex gap={6} align="center" className="yx-cl-file">
            <FileExcelOutlined />
            <span data-testid="roster-file-name">{t('classes.import.chosen', { name: file.name })}</span>
          </Flex>
        ) : (
          <Typography.Text type="secondary" className="yx-cl-sub">
            {t('classes.import.accept')}
          </Typography.Text>
        )}
        <ErrorAlert error={error} />
        {report && (
          <>
            <Report report={report} />
            <Space wrap>
              <Tooltip title={report.invalid > 0 ? t('classes.import.importAllDisabled') : undefined}>
                <Button
                  type="primary"
                  icon={<CheckCircleFilled />}
                  disabled={report.invalid > 0 || report.valid === 0 || running !== null}
                  loading={running === 'all'}
                  onClick={() => send('all')}
                  data-testid="roster-import-all"
                >
                  {t('classes.import.importAll')}
                </Button>
              </Tooltip>
              {report.invalid > 0 && (
                <Button
                  disabled={report.valid === 0 || running !== null}
                  loading={running === 'valid-only'}
                  onClick={() => send('valid-only')}
                  data-testid="roster-import-valid"
                >
                  {t('classes.import.importValid', { count: report.valid })}
                </Button>
              )}
            </Space>
          </>
        )}
      </Flex>
    </Card>
  );
}
