import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Modal, Table, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { templateUrl, useImportQuestions } from './api';
import type { ImportMode, QuestionImportReport } from './types';

type Issue = QuestionImportReport['errors'][number];

/** 导入题目: the file is checked first and its report shown question by question; nothing changes until the author imports. */
export function ImportDialog({ bankId, open, onClose }: { bankId: string; open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<QuestionImportReport | null>(null);
  const run = useImportQuestions(bankId);

  const send = (f: File, mode: ImportMode) =>
    run.mutate(
      { file: f, mode },
      {
        onSuccess: (r) => {
          if (mode === 'check') setReport(r);
          else {
            void message.success(t('qb.imported', { count: r.imported ?? 0 }));
            setReport(null);
            setFile(null);
            onClose();
          }
        },
      },
    );
  const columns: TableProps<Issue>['columns'] = [
    { key: 'row', title: t('qb.row'), dataIndex: 'row', width: 64 },
    { key: 'field', title: t('qb.field'), width: 96, render: (_, i) => t(`qb.fields.${i.field ?? 'row'}`) },
    {
      key: 'reason',
      title: t('qb.reason'),
      render: (_, i) => <span data-code={i.code}>{i18n.language === 'en' ? i.messages.en : i.messages['zh-CN']}</span>,
    },
  ];
  return (
    <Modal open={open} width={760} title={t('qb.importTitle')} onCancel={onClose} footer={null} destroyOnHidden>
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('qb.importHelp')}</Typography.Text>
        <Flex gap={8} wrap>
          <input
            ref={input}
            type="file"
            hidden
            accept=".xlsx,.xml,.txt,.gift"
            data-testid="import-file"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (!f) return;
              setFile(f);
              setReport(null);
              send(f, 'check');
            }}
          />
          <Button
            type="primary"
            icon={<UploadOutlined />}
            loading={run.isPending}
            onClick={() => input.current?.click()}
          >
            {t('qb.chooseFile')}
          </Button>
          <Button icon={<DownloadOutlined />} href={templateUrl(bankId)}>
            {t('qb.template')}
          </Button>
        </Flex>
        <ErrorAlert error={run.error} />
        {report && (
          <Flex vertical gap={12} data-testid="import-report">
            <Alert
              type={report.invalid > 0 ? 'warning' : 'success'}
              showIcon
              title={t('qb.summary', { rows: report.rows, valid: report.valid, invalid: report.invalid })}
            />
            {report.errors.length > 0 && (
              <Table<Issue>
                size="small"
                rowKey={(i) => `${i.row}-${i.field ?? ''}-${i.code}`}
                columns={columns}
                dataSource={report.errors}
                pagination={report.errors.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
                tableLayout="fixed"
              />
            )}
            <Flex gap={8} wrap justify="flex-end">
              {report.invalid === 0 ? (
                <Button type="primary" disabled={!file || report.valid === 0} onClick={() => file && send(file, 'all')}>
                  {t('qb.importAll')}
                </Button>
              ) : (
                <Button
                  type="primary"
                  disabled={!file || report.valid === 0}
                  onClick={() => file && send(file, 'valid-only')}
                >
                  {t('qb.importValid', { count: report.valid })}
                </Button>
              )}
            </Flex>
          </Flex>
        )}
      </Flex>
    </Modal>
  );
}
