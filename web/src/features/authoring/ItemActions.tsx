import { MoreOutlined } from '@ant-design/icons';
import { Button, Dropdown, Space, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsMobile } from '../../ui/useIsMobile';

export type ItemAction = {
  key: string;
  label: string;
  icon: ReactNode;
  onClick: () => void;
  danger?: boolean;
  disabled?: boolean;
};

/** Icon buttons with tooltips on wide screens; one "more" menu on phones. */
export function ItemActions({ actions, testId }: { actions: ItemAction[]; testId?: string }) {
  const { t } = useTranslation();
  const mobile = useIsMobile();
  if (mobile) {
    return (
      <Dropdown
        trigger={['click']}
        menu={{
          items: actions.map((a) => ({
            key: a.key,
            label: a.label,
            icon: a.icon,
            danger: a.danger,
            disabled: a.disabled,
          })),
          onClick: ({ key, domEvent }) => {
            domEvent.stopPropagation();
            actions.find((a) => a.key === key)?.onClick();
          },
        }}
      >
        <Button
          type="text"
          size="small"
          icon={<MoreOutlined />}
          aria-label={t('common.actions')}
          data-testid={testId}
        />
      </Dropdown>
    );
  }
  return (
    <Space size={0} data-testid={testId}>
      {actions.map((a) => (
        <Tooltip key={a.key} title={a.label}>
          <Button
            type="text"
            size="small"
            icon={a.icon}
            danger={a.danger}
            disabled={a.disabled}
            aria-label={a.label}
            data-action={a.key}
            onClick={a.onClick}
          />
        </Tooltip>
      ))}
    </Space>
  );
}
