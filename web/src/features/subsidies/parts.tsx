import { CheckCircleFilled, MinusCircleFilled } from '@ant-design/icons';
import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatYuan } from '../../ui/format';
import type { ClaimStatus, EligibilityLine, Explanation, LineStatus } from './types';

const LINE_COLORS: Record<LineStatus, string> = {
  ineligible: 'default',
  pending: 'processing',
  approved: 'cyan',
  rejected: 'error',
  paid: 'success',
  cancelled: 'default',
};
const CLAIM_COLORS: Record<ClaimStatus, string> = { submitted: 'processing', returned: 'warning', closed: 'success' };

/** Integer fen shown in yuan in the current language. */
export function Money({ fen, strong }: { fen: number; strong?: boolean }) {
  const { i18n } = useTranslation();
  return (
    <Typography.Text strong={strong} className="yx-sb-money">
      {formatYuan(fen, i18n.language)}
    </Typography.Text>
  );
}

export function useYuan() {
  const { i18n } = useTranslation();
  return (fen: number) => formatYuan(fen, i18n.language);
}

export function LineStatusTag({ status }: { status: LineStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={LINE_COLORS[status]} data-testid="line-status" data-status={status} className="yx-sb-tag">
      {t(`subsidies.lineStatus.${status}`)}
    </Tag>
  );
}

export function ClaimStatusTag({ status }: { status: ClaimStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={CLAIM_COLORS[status]} data-testid="claim-status" data-status={status} className="yx-sb-tag">
      {t(`subsidies.claimStatus.${status}`)}
    </Tag>
  );
}

/** The server writes every explanation in both languages; the reader's is shown. */
export function useExplanationText() {
  const { i18n } = useTranslation();
  return (item: Explanation) => (i18n.language === 'en' ? item.en : item.zh);
}

/**
 * Why a learner gets what they get, item by item: what blocks the subsidy as a whole, then each rule of the policy
 * with its amount and the steps it was computed with.
 */
export function ExplanationList({ blocked, lines }: { blocked: Explanation[]; lines: EligibilityLine[] }) {
  const { t } = useTranslation();
  const text = useExplanationText();
  const yuan = useYuan();
  return (
    <Flex vertical gap={8} className="yx-sb-explain" data-testid="explanation">
      {blocked.map((item, i) => (
        <Flex key={`b${i}`} gap={6} align="baseline">
          <MinusCircleFilled className="yx-sb-no" />
          <Typography.Text>{text(item)}</Typography.Text>
        </Flex>
      ))}
      {lines.map((line) => (
        <div key={line.ruleId} className="yx-sb-rule">
          <Flex gap={6} wrap align="center">
            {line.amountFen > 0 ? (
              <CheckCircleFilled className="yx-sb-yes" />
            ) : (
              <MinusCircleFilled className="yx-sb-no" />
            )}
            <Typography.Text strong>{t(`subsidies.kind.${line.kind}`, { defaultValue: line.kind })}</Typography.Text>
            <Typography.Text type="secondary">
              {t(`subsidies.payee.${line.payee}`)}
              {line.stage !== 'whole' && ` · ${t(`subsidies.stage.${line.stage}`)}`}
            </Typography.Text>
            <Typography.Text strong className="yx-sb-money">
              {yuan(line.amountFen)}
            </Typography.Text>
          </Flex>
          <ol className="yx-sb-steps">
            {line.explanation.map((item, i) => (
              <li key={i}>{text(item)}</li>
            ))}
          </ol>
        </div>
      ))}
      {blocked.length === 0 && lines.length === 0 && (
        <Typography.Text type="secondary">{t('subsidies.noRules')}</Typography.Text>
      )}
    </Flex>
  );
}
