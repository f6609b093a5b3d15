import { CheckCircleFilled, CloseCircleFilled, MinusCircleOutlined } from '@ant-design/icons';
import { Card, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLevels } from '../authoring/api';
import { levelLabel } from '../authoring/CourseFields';
import { named } from '../authoring/types';
import { useRegionGeneralModules } from './api';
import { precheckText, precheckTitle, type PrecheckContext } from './precheck-text';
import { PRECHECK_KEYS, type PrecheckItem } from './types';

/** What the sentences need: module names of the class's region and level names. */
export function usePrecheckContext(regionCode: string | null | undefined): PrecheckContext {
  const { t, i18n } = useTranslation();
  const modules = useRegionGeneralModules(regionCode);
  const levels = useLevels();
  return {
    t,
    language: i18n.language,
    moduleName: (code) => named(modules.data?.find((m) => m.code === code)?.name, i18n.language) || code,
    levelName: (level) => levelLabel(levels.data, level, i18n.language),
  };
}

/** The items, each with a green tick or a red cross and a sentence saying why. */
export function PrecheckList({
  items,
  context,
  only,
}: {
  items: PrecheckItem[];
  context: PrecheckContext;
  only?: 'failed';
}) {
  const { t } = context;
  const shown = only === 'failed' ? items.filter((i) => !i.passed) : items;
  return (
    <ul className="yx-cl-checks">
      {shown.map((item) => (
        <li
          key={item.key}
          className={`yx-cl-check ${item.passed ? 'yx-cl-check-pass' : 'yx-cl-check-fail'}`}
          data-testid="precheck-item"
          data-key={item.key}
          data-passed={String(item.passed)}
          data-reason={item.reason}
        >
          <span
            className="yx-cl-check-icon"
            role="img"
            aria-label={item.passed ? t('classes.prechecks.passed') : t('classes.prechecks.failed')}
          >
            {item.passed ? <CheckCircleFilled /> : <CloseCircleFilled />}
          </span>
          <span className="yx-cl-check-body">
            <Typography.Text strong className="yx-cl-check-title">
              {precheckTitle(item, t)}
            </Typography.Text>
            <span className="yx-cl-check-text" data-testid="precheck-text">
              {precheckText(item, context)}
            </span>
          </span>
        </li>
      ))}
    </ul>
  );
}

type Props = {
  /** The results; null for a class not saved yet (the panel lists what will be checked). */
  items: PrecheckItem[] | null;
  regionCode: string | null | undefined;
  hint?: ReactNode;
};

export function PrecheckPanel({ items, regionCode, hint }: Props) {
  const { t } = useTranslation();
  const context = usePrecheckContext(regionCode);
  const failed = items?.filter((i) => !i.passed).length ?? 0;
  const summary =
    items === null ? null : failed === 0 ? (
      <Tag color="success" data-testid="precheck-summary" data-failed={0}>
        {t('classes.prechecks.allPassed', { count: items.length })}
      </Tag>
    ) : (
      <Tag color="error" data-testid="precheck-summary" data-failed={failed}>
        {t('classes.prechecks.someFailed', { failed, count: items.length })}
      </Tag>
    );

  return (
    <Card
      className={`yx-cl-precheck ${items === null ? '' : failed === 0 ? 'yx-cl-precheck-ok' : 'yx-cl-precheck-bad'}`}
      title={t('classes.prechecks.title')}
      extra={summary}
      data-testid="precheck-panel"
      size="small"
    >
      {hint && <div className="yx-cl-precheck-hint">{hint}</div>}
      {items === null ? (
        <>
          <Typography.Paragraph type="secondary" className="yx-cl-precheck-hint">
            {t('classes.prechecks.newHint')}
          </Typography.Paragraph>
          <ul className="yx-cl-checks">
            {PRECHECK_KEYS.map((key) => (
              <li key={key} className="yx-cl-check yx-cl-check-pending">
                <span className="yx-cl-check-icon">
                  <MinusCircleOutlined />
                </span>
                <span className="yx-cl-check-body">
                  <Typography.Text className="yx-cl-check-title">{precheckTitle({ key }, t)}</Typography.Text>
                </span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <PrecheckList items={items} context={context} />
      )}
    </Card>
  );
}
