import { ArrowLeftOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Badge, Button, Form, Result, Space, Tabs, Tooltip } from 'antd';
import type { FormInstance } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { useMe } from '../../api/auth';
import { isApiError } from '../../api/client';
import { can } from '../../app/sections';
import { ErrorAlert, useErrorText } from '../../ui/ErrorAlert';
import { beijingToday } from '../../ui/format';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useClass, useLearningSuspensions, useSaveClass, useSubmitClass } from './api';
import { initialValues, showClassFieldError, toInput, type ClassFormValues } from './class-form';
import { ChangeRequestsTab } from './ChangeRequestsTab';
import { ClassFormFields } from './ClassFormFields';
import { ClassInfoView } from './ClassInfoView';
import { HoursTab } from './HoursTab';
import { PrecheckList, PrecheckPanel, usePrecheckContext } from './PrecheckPanel';
import { ReviewActions } from './ReviewActions';
import { ReviewHistory } from './ReviewHistory';
import { RosterTab } from './RosterTab';
import { ClassStatusTag, OverdueTag } from './StatusTag';
import { SuspensionsTab } from './SuspensionsTab';
import { ClassCertificatesTab } from '../certificates/ClassCertificatesTab';
import { CloseClassButton } from '../certificates/CloseClassButton';
import type { ClassDetail, PrecheckItem } from './types';
import './classes.css';

type From = 'classes' | 'reviews';
const OTHER_TABS = ['roster', 'changes', 'hours', 'suspensions', 'certificates'] as const;

function BackLink({ from }: { from: From }) {
  const { t } = useTranslation();
  return (
    <Link to={from === 'reviews' ? '/reviews' : '/classes'} className="yx-cl-back">
      <ArrowLeftOutlined /> {from === 'reviews' ? t('classes.page.backToQueue') : t('classes.page.back')}
    </Link>
  );
}

/** Why a submission or approval was refused; for failed pre-checks, the items the server returned. */
function RefusalAlert({ error, regionCode, onClose }: { error: unknown; regionCode: string; onClose: () => void }) {
  const { t } = useTranslation();
  const text = useErrorText();
  const context = usePrecheckContext(regionCode);
  const raw = isApiError(error, 'CLASS_PRECHECKS_FAILED') ? error.details.prechecks : undefined;
  const items = Array.isArray(raw) ? (raw as PrecheckItem[]) : null;
  const code = isApiError(error) ? error.code : undefined;
  return (
    <Alert
      type="error"
      showIcon
      closable={{ onClose }}
      className="yx-form-alert"
      data-testid="refusal"
      data-code={code}
      title={text(error).message}
      description={
        items && (
          <>
            <div className="yx-cl-refusal-lead">{t('classes.page.precheckFailedTitle')}</div>
            <PrecheckList items={items} context={context} only="failed" />
          </>
        )
      }
    />
  );
}

function useEditorSave(form: FormInstance<ClassFormValues>, id: string | null, onSaved: (detail: ClassDetail) => void) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const save = useSaveClass();
  const [formError, setFormError] = useState<unknown>(null);
  const onFinish = (values: ClassFormValues) => {
    setFormError(null);
    save.mutate(
      { id, input: toInput(values) },
      {
        onSuccess: ({ class: saved }) => {
          void message.success(t('classes.page.saved'));
          onSaved(saved);
        },
        onError: (error) => {
          if (!showClassFieldError(form, error, t, i18n.language)) setFormError(error);
        },
      },
    );
  };
  return { onFinish, formError, saving: save.isPending };
}

/** /classes/new: the application form; the pre-checks run once it is saved as a draft. */
function NewClass() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useMe().data;
  const [form] = Form.useForm<ClassFormValues>();
  const { onFinish, formError, saving } = useEditorSave(
    form,
    null,
    (saved) => void navigate(`/classes/${saved.id}`, { replace: true }),
  );
  if (!me) return null;
  if (!can(me, 'classes.manage')) return <Result status="403" title="403" subTitle={t('errors.forbidden')} />;
  return (
    <>
      <BackLink from="classes" />
      <PageHeader
        title={t('classes.page.newTitle')}
        extra={
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={saving}
            onClick={() => form.submit()}
            data-testid="class-save"
          >
            {t('classes.page.save')}
          </Button>
        }
      />
      <ErrorAlert error={formError} className="yx-form-alert" />
      <div className="yx-cl-stack">
        <PrecheckPanel items={null} regionCode={me.user.regionCode} />
        <Form<ClassFormValues>
          form={form}
          name="class"
          layout="vertical"
          onFinish={onFinish}
          initialValues={initialValues()}
          scrollToFirstError
        >
          <ClassFormFields form={form} regionCode={me.user.regionCode} />
        </Form>
      </div>
    </>
  );
}

/** The saved form compared with what is on screen: submitting needs the checks of what is on screen. */
function useDirty(form: FormInstance<ClassFormValues>, detail: ClassDetail): boolean {
  const saved = useMemo(() => JSON.stringify(toInput(initialValues(detail))), [detail]);
  const current = Form.useWatch(
    (values: ClassFormValues) => (values && values.name !== undefined ? JSON.stringify(toInput(values)) : null),
    form,
  );
  return current !== null && current !== undefined && current !== saved;
}

type EditorProps = {
  detail: ClassDetail;
  form: FormInstance<ClassFormValues>;
  onFinish: (values: ClassFormValues) => void;
};

function ClassEditor({ detail, form, onFinish }: EditorProps) {
  return (
    <Form<ClassFormValues>
      form={form}
      name="class"
      layout="vertical"
      onFinish={onFinish}
      initialValues={initialValues(detail)}
      scrollToFirstError
    >
      <ClassFormFields form={form} regionCode={detail.regionCode} detail={detail} />
    </Form>
  );
}

function lastComment(detail: ClassDetail, action: string): string | undefined {
  return [...detail.reviews].reverse().find((r) => r.action === action)?.comment || undefined;
}

function StatusNotice({ detail, editable }: { detail: ClassDetail; editable: boolean }) {
  const { t } = useTranslation();
  if (detail.status === 'returned') {
    const comment = lastComment(detail, 'returned');
    return (
      <Alert
        type="warning"
        showIcon
        className="yx-form-alert"
        data-testid="returned-notice"
        title={t('classes.page.returnedNotice')}
        description={comment && t('classes.page.comment', { comment })}
      />
    );
  }
  if (detail.status === 'rejected') {
    const comment = lastComment(detail, 'rejected');
    return (
      <Alert
        type="error"
        showIcon
        className="yx-form-alert"
        title={t('classes.page.rejectedNotice')}
        description={comment && t('classes.page.comment', { comment })}
      />
    );
  }
  if (editable || detail.actions.some((a) => a === 'approve' || a === 'return' || a === 'reject')) return null;
  const key = ['submitted', 'approved', 'closed'].includes(detail.status) ? detail.status : 'other';
  return <Alert type="info" showIcon className="yx-form-alert" title={t(`classes.page.readOnly.${key}`)} />;
}

function ExistingClass({ id, from }: { id: string; from: From }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const query = useClass(id);
  const submit = useSubmitClass();
  const [refusal, setRefusal] = useState<unknown>(null);
  const detail = query.data;
  const editable = !!detail?.actions.includes('edit');
  const tab = OTHER_TABS.find((key) => key === params.get('tab')) ?? 'info';
  // A refusal means the page's picture of the class is out of date: show why, and fetch the class again.
  const refuse = (error: unknown) => {
    setRefusal(error);
    if (error != null) void query.refetch();
  };

  return (
    <>
      <BackLink from={from} />
      <QueryState loading={query.isLoading} error={query.error} onRetry={() => void query.refetch()}>
        {detail && (
          <ClassBody
            key={detail.id}
            detail={detail}
            editable={editable}
            tab={tab}
            onTab={(key) => setParams(key === 'info' ? {} : { tab: key }, { replace: true })}
            refusal={refusal}
            setRefusal={refuse}
            submitting={submit.isPending}
            onSubmit={() =>
              modal.confirm({
                title: t('classes.page.submitConfirm', { name: detail.name }),
                content: t('classes.page.submitBody'),
                okText: t('classes.page.submit'),
                cancelText: t('common.cancel'),
                onOk: () =>
                  submit.mutateAsync(detail.id).then(
                    () => {
                      setRefusal(null);
                      void message.success(t('classes.page.submitted'));
                    },
                    (error: unknown) => refuse(error),
                  ),
              })
            }
          />
        )}
      </QueryState>
    </>
  );
}

type BodyProps = {
  detail: ClassDetail;
  editable: boolean;
  tab: string;
  onTab: (key: string) => void;
  refusal: unknown;
  setRefusal: (error: unknown) => void;
  submitting: boolean;
  onSubmit: () => void;
};

function ClassBody({ detail, editable, tab, onTab, refusal, setRefusal, submitting, onSubmit }: BodyProps) {
  const { t } = useTranslation();
  const me = useMe().data;
  // Learners can only be suspended once the class runs; the count shows on the tab so that staff notice.
  const running = detail.status === 'approved' || detail.status === 'closed';
  const seeSuspensions = running && !!me && can(me, 'learning.suspensions.read');
  const suspensions = useLearningSuspensions(detail.id, seeSuspensions);
  // One form per class (the body is keyed by the class id), so another class never shows this one's values.
  const [form] = Form.useForm<ClassFormValues>();
  const dirty = useDirty(form, detail);
  // After saving, the form shows the class as the server keeps it (trimmed, sessions in time order).
  const { onFinish, formError, saving } = useEditorSave(form, detail.id, (saved) =>
    form.setFieldsValue(initialValues(saved)),
  );
  const allPassed = detail.prechecks.every((i) => i.passed);
  const reviewing = detail.actions.some((a) => a === 'approve' || a === 'return' || a === 'reject');
  const canSubmit = detail.actions.includes('submit');
  // Closing (结班) issues the certificates; the button shows once the end date has come (Beijing date, as the server).
  const canClose =
    detail.actions.includes('close') && !!me && can(me, 'certificates.issue') && beijingToday() >= detail.endDate;
  const seeCertificates = detail.status === 'closed' && !!me && can(me, 'certificates.read');
  const submitBlocked = !allPassed
    ? t('classes.page.submitNeedsPass')
    : dirty
      ? t('classes.page.submitNeedsSave')
      : undefined;

  const extra = (
    <Space wrap>
      {editable && (
        <Button icon={<SaveOutlined />} loading={saving} onClick={() => form.submit()} data-testid="class-save">
          {t('classes.page.save')}
        </Button>
      )}
      {canSubmit && (
        <Tooltip title={submitBlocked}>
          <Button
            type="primary"
            icon={<SendOutlined />}
            disabled={!!submitBlocked}
            loading={submitting}
            onClick={onSubmit}
            data-testid="class-submit"
          >
            {t('classes.page.submit')}
          </Button>
        </Tooltip>
      )}
      {reviewing && <ReviewActions detail={detail} onPrecheckFailure={setRefusal} />}
      {canClose && <CloseClassButton classId={detail.id} name={detail.name} />}
    </Space>
  );

  const panel = (
    <PrecheckPanel
      items={detail.prechecks}
      regionCode={detail.regionCode}
      hint={
        editable && dirty ? (
          <Alert type="warning" showIcon title={t('classes.prechecks.dirtyHint')} />
        ) : reviewing ? (
          <Alert type="info" showIcon title={t('classes.prechecks.reviewHint')} />
        ) : undefined
      }
    />
  );

  return (
    <>
      <PageHeader
        title={
          <Space size={8} wrap>
            <span data-testid="class-title">{detail.name}</span>
            <ClassStatusTag status={detail.status} />
            {detail.overdue && <OverdueTag />}
          </Space>
        }
        extra={extra}
      />
      <StatusNotice detail={detail} editable={editable} />
      <ErrorAlert error={formError} className="yx-form-alert" />
      {refusal != null && (
        <RefusalAlert error={refusal} regionCode={detail.regionCode} onClose={() => setRefusal(null)} />
      )}
      <div className="yx-cl-stack">
        {panel}
        {detail.reviews.length > 0 && <ReviewHistory reviews={detail.reviews} />}
        <Tabs
          activeKey={tab}
          onChange={onTab}
          className="yx-cl-tabs"
          items={[
            {
              key: 'info',
              label: t('classes.page.tabInfo'),
              // Kept mounted so unsaved edits survive a look at the roster.
              forceRender: true,
              children: editable ? (
                <ClassEditor detail={detail} form={form} onFinish={onFinish} />
              ) : (
                <ClassInfoView detail={detail} />
              ),
            },
            {
              key: 'roster',
              label: (
                <span data-testid="tab-roster">{t('classes.page.tabRoster', { count: detail.learnerCount })}</span>
              ),
              children: <RosterTab detail={detail} />,
            },
            // Once approved: changes go through review, and learners start to earn hours.
            ...(running
              ? [
                  {
                    key: 'changes',
                    label: <span data-testid="tab-changes">{t('classes.page.tabChanges')}</span>,
                    children: <ChangeRequestsTab detail={detail} />,
                  },
                  {
                    key: 'hours',
                    label: <span data-testid="tab-hours">{t('classes.page.tabHours')}</span>,
                    children: <HoursTab detail={detail} />,
                  },
                ]
              : []),
            ...(seeCertificates
              ? [
                  {
                    key: 'certificates',
                    label: <span data-testid="tab-certificates">{t('certificates.classTab.title')}</span>,
                    children: <ClassCertificatesTab classId={detail.id} closed />,
                  },
                ]
              : []),
            ...(seeSuspensions
              ? [
                  {
                    key: 'suspensions',
                    label: (
                      <span data-testid="tab-suspensions">
                        {t('classes.page.tabSuspensions')} <Badge count={suspensions.data?.length ?? 0} size="small" />
                      </span>
                    ),
                    children: <SuspensionsTab detail={detail} />,
                  },
                ]
              : []),
          ]}
        />
      </div>
    </>
  );
}

/** /classes/new and /classes/:id (institution: edit and submit; others: read). */
export function ClassPage() {
  const { id } = useParams();
  return id ? <ExistingClass id={id} from="classes" /> : <NewClass />;
}

/** /reviews/:id: the same page opened from the review queue, back to the queue after a decision. */
export function ReviewClassPage() {
  const { id } = useParams();
  return <ExistingClass id={id ?? ''} from="reviews" />;
}
