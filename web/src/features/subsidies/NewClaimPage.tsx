import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, InputNumber, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { PageHeader } from '../../ui/PageHeader';
import { QueryState } from '../../ui/QueryState';
import { useIsMobile } from '../../ui/useIsMobile';
import { usePreview, useSubmitClaim } from './api';
import { claimPath } from './ClaimList';
import { LearnerLines } from './LearnerLines';
import { useYuan } from './parts';
import './subsidies.css';

/** Yuan typed with at most two decimals, as integer fen. */
const toFen = (yuan: number | null) => (yuan === null ? null : Math.round(yuan * 100));

/** 申请补贴 for a finished class: the roster with each learner's amount and why, then the submission. */
export function NewClaimPage() {
  const { t } = useTranslation();
  const { classId = '' } = useParams();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const yuan = useYuan();
  const mobile = useIsMobile();
  const [cost, setCost] = useState<number | null>(null);
  const preview = usePreview(classId, toFen(cost));
  const submit = useSubmitClaim(classId);
  const data = preview.data;
  const eligible = data?.lines.filter((l) => l.amountFen > 0).length ?? 0;

  const onSubmit = () => {
    if (!data) return;
    modal.confirm({
      title: t('subsidies.newClaim.confirm'),
      content: t('subsidies.newClaim.confirmBody', { count: data.lines.length, total: yuan(data.totalFen) }),
      okText: t('subsidies.newClaim.submit'),
      cancelText: t('common.cancel'),
      okButtonProps: { id: 'claim-confirm' },
      onOk: () =>
        submit
          .mutateAsync(toFen(cost))
          .then(({ claim }) => {
            void message.success(t('subsidies.newClaim.done'));
            void navigate(claimPath(claim.id), { replace: true });
          })
          .catch(() => undefined),
    });
  };

  return (
    <>
      <Link to="/subsidies" className="yx-sb-back">
        <ArrowLeftOutlined /> {t('subsidies.newClaim.back')}
      </Link>
      <QueryState loading={preview.isLoading} error={preview.data ? null : preview.error}>
        {data && (
          <div className="yx-sb-stack">
            <PageHeader title={t('subsidies.newClaim.title', { name: data.className })} />
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              {t('subsidies.newClaim.intro')}
            </Typography.Paragraph>
            <Card>
              <Flex justify="space-between" align="end" gap={16} wrap className="yx-sb-toolbar">
                <Form layout="vertical" style={{ marginBottom: 0 }}>
                  <Form.Item
                    label={t('subsidies.fields.enterpriseCost')}
                    extra={t('subsidies.newClaim.costHelp')}
                    style={{ marginBottom: 0 }}
                  >
                    <InputNumber<number>
                      min={0}
                      max={1_000_000}
                      precision={2}
                      step={100}
                      value={cost}
                      onChange={(value) => setCost(value ?? null)}
                      style={{ width: 200, maxWidth: '100%' }}
                      id="enterprise-cost"
                    />
                  </Form.Item>
                </Form>
                <Flex vertical align={mobile ? 'start' : 'end'} gap={8}>
                  <Typography.Text strong data-testid="preview-total">
                    {t('subsidies.newClaim.total', {
                      total: yuan(data.totalFen),
                      count: data.lines.length,
                      eligible,
                    })}
                  </Typography.Text>
                  <Button
                    type="primary"
                    onClick={onSubmit}
                    loading={submit.isPending}
                    disabled={preview.isFetching || data.lines.length === 0}
                    data-testid="claim-submit"
                  >
                    {t('subsidies.newClaim.submit')}
                  </Button>
                </Flex>
              </Flex>
              <ErrorAlert error={submit.error ?? preview.error} className="yx-form-alert" />
              <LearnerLines lines={data.lines} rowKey={(l) => l.userId} testId="preview-line" />
            </Card>
          </div>
        )}
      </QueryState>
    </>
  );
}
