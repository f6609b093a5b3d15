import { FlagOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useErrorText } from '../../ui/ErrorAlert';
import type { ClassCertificates } from './types';

/** 结班: the institution closes an approved class after its end date; certificates are decided and issued at once. */
export function CloseClassButton({ classId, name }: { classId: string; name: string }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const close = useMutation({
    mutationFn: async () => {
      await api.post(`/api/classes/${encodeURIComponent(classId)}/close`);
      return api.get<ClassCertificates>(`/api/classes/${encodeURIComponent(classId)}/certificates`);
    },
    onSuccess: (r) => {
      void message.success(t('certificates.close.done', { issued: r.issued.length, refused: r.refused.length }));
      return Promise.all([
        client.invalidateQueries({ queryKey: ['classes'] }),
        client.invalidateQueries({ queryKey: ['certificates'] }),
      ]);
    },
    onError: (cause) => void message.error(errorText(cause).message),
  });
  return (
    <Button
      icon={<FlagOutlined />}
      loading={close.isPending}
      data-testid="class-close"
      onClick={() =>
        modal.confirm({
          title: t('certificates.close.confirm', { name }),
          content: t('certificates.close.body'),
          okText: t('certificates.close.button'),
          cancelText: t('common.cancel'),
          onOk: () => close.mutateAsync(),
        })
      }
    >
      {t('certificates.close.button')}
    </Button>
  );
}
