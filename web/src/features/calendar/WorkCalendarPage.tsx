import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Empty, Flex, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { useErrorText } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import {
  useSaveWorkCalendar,
  useWorkCalendar,
  type CalendarDay,
  type CalendarDayInput,
  type CalendarDayKind,
} from './api';

type Row = CalendarDayInput & { source?: string };

const KIND_COLORS: Record<CalendarDayKind, string> = { holiday: 'red', workday: 'blue' };

/** The operator keeps the year's public holidays and make-up working days; other staff read them. */
export function WorkCalendarPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const me = useMe().data;
  const canEdit = !!me?.permissions.includes('calendar.manage');
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const year = Number(params.get('year')) || thisYear;
  const calendar = useWorkCalendar(year);
  const save = useSaveWorkCalendar(year);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [draft, setDraft] = useState<{ day: Dayjs | null; kind: CalendarDayKind; name: string }>({
    day: null,
    kind: 'holiday',
    name: '',
  });

  // The server's days are the starting point; edits stay local until saved.
  useEffect(() => {
    setRows(null);
  }, [year]);
  const shown: Row[] =
    rows ??
    (calendar.data?.days ?? []).map((d: CalendarDay) => ({ day: d.day, kind: d.kind, name: d.name, source: d.source }));
  const dirty = rows !== null;
  const weekday = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { weekday: 'short', timeZone: 'UTC' }),
    [i18n.language],
  );
  const counts = {
    holidays: shown.filter((r) => r.kind === 'holiday').length,
    workdays: shown.filter((r) => r.kind === 'workday').length,
  };

  const add = () => {
    if (!draft.day || !draft.name.trim()) return;
    const day = draft.day.format('YYYY-MM-DD');
    if (shown.some((r) => r.day === day)) {
      void message.warning(t('calendar.duplicate'));
      return;
    }
    setRows([...shown, { day, kind: draft.kind, name: draft.name.trim() }].sort((a, b) => (a.day < b.day ? -1 : 1)));
    setDraft({ ...draft, day: null });
  };
  const submit = async () => {
    try {
      await save.mutateAsync(shown.map(({ day, kind, name }) => ({ day, kind, name })));
      setRows(null);
      void message.success(t('calendar.saved'));
    } catch (error) {
      void message.error(errorText(error).message);
    }
  };

  const columns: TableProps<Row>['columns'] = [
    {
      title: t('calendar.day'),
      dataIndex: 'day',
      render: (day: string) => (
        <Flex vertical>
          <span style={{ whiteSpace: 'nowrap' }}>{day}</span>
          <Typography.Text type="secondary">{weekday.format(new Date(`${day}T00:00:00Z`))}</Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('calendar.kind'),
      dataIndex: 'kind',
      render: (kind: CalendarDayKind) => <Tag color={KIND_COLORS[kind]}>{t(`calendar.kinds.${kind}`)}</Tag>,
    },
    { title: t('calendar.name'), dataIndex: 'name' },
    {
      title: t('calendar.source'),
      dataIndex: 'source',
      ellipsis: { showTitle: false },
      responsive: ['md'],
      render: (source?: string) => {
        const text = !source || source === 'operator' ? t('calendar.operator') : source;
        return (
          <Tooltip title={text}>
            <Typography.Text type="secondary">{text}</Typography.Text>
          </Tooltip>
        );
      },
    },
    ...(canEdit
      ? [
          {
            key: 'remove',
            width: 56,
            render: (_: unknown, r: Row) => (
              <Tooltip title={t('calendar.remove')}>
                <Button
                  type="text"
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('calendar.remove')}
                  data-testid="calendar-remove"
                  onClick={() => setRows(shown.filter((x) => x.day !== r.day))}
                />
              </Tooltip>
            ),
          },
        ]
      : []),
  ];

  return (
    <Flex vertical gap={16} data-testid="work-calendar-page">
      <PageHeader
        title={t('calendar.title')}
        extra={
          <Flex gap={8} align="center" wrap>
            <Typography.Text type="secondary">{t('calendar.year')}</Typography.Text>
            <Select
              value={year}
              style={{ width: 100 }}
              data-testid="calendar-year"
              options={[thisYear - 1, thisYear, thisYear + 1].map((y) => ({ value: y, label: String(y) }))}
              onChange={(y) => setParams({ year: String(y) })}
            />
            {canEdit && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                disabled={!dirty}
                loading={save.isPending}
                onClick={() => void submit()}
                data-testid="calendar-save"
              >
                {t('calendar.save')}
              </Button>
            )}
          </Flex>
        }
      />
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('calendar.intro')}
      </Typography.Paragraph>
      {!canEdit && <Typography.Text type="secondary">{t('calendar.readOnly')}</Typography.Text>}
      <QueryState loading={calendar.isPending} error={calendar.error} onRetry={() => void calendar.refetch()}>
        <Card size="small">
          <Flex vertical gap={12}>
            <Flex gap={8} align="center" wrap>
              <Tag color="red">{t('calendar.kinds.holiday')}</Tag>
              <Tag color="blue">{t('calendar.kinds.workday')}</Tag>
              <Typography.Text data-testid="calendar-summary">{t('calendar.summary', counts)}</Typography.Text>
              {dirty && <Tag color="warning">{t('calendar.unsaved')}</Tag>}
            </Flex>
            {canEdit && (
              <Flex gap={8} wrap data-testid="calendar-add">
                <DatePicker
                  value={draft.day}
                  placeholder={t('calendar.pickDay')}
                  onChange={(day) => setDraft({ ...draft, day })}
                  minDate={dayjs(`${year}-01-01`)}
                  maxDate={dayjs(`${year}-12-31`)}
                  defaultPickerValue={dayjs(`${year}-01-01`)}
                />
                <Select
                  value={draft.kind}
                  style={{ width: 140 }}
                  onChange={(kind) => setDraft({ ...draft, kind })}
                  options={(['holiday', 'workday'] as const).map((k) => ({
                    value: k,
                    label: t(`calendar.kinds.${k}`),
                  }))}
                />
                <Input
                  value={draft.name}
                  maxLength={40}
                  placeholder={t('calendar.namePlaceholder')}
                  style={{ width: 180 }}
                  onChange={(e) => setDraft({ ...draft, name: e.target.value })}
                  onPressEnter={add}
                />
                <Button
                  icon={<PlusOutlined />}
                  onClick={add}
                  disabled={!draft.day || !draft.name.trim()}
                  data-testid="calendar-add-button"
                >
                  {t('calendar.add')}
                </Button>
              </Flex>
            )}
            {shown.length === 0 ? (
              <Empty description={t('calendar.empty')} />
            ) : (
              <Table<Row>
                rowKey="day"
                size="small"
                columns={columns}
                dataSource={shown}
                pagination={false}
                data-testid="calendar-table"
              />
            )}
          </Flex>
        </Card>
      </QueryState>
    </Flex>
  );
}
