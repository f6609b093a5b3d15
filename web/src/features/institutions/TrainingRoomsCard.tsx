import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Form, Input, InputNumber, List, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/ErrorAlert';
import { formatMinute } from '../classes/cells';
import { showFieldError } from '../../ui/form-errors';
import { useIsMobile } from '../../ui/useIsMobile';
import {
  useDeleteTrainingRoom,
  useSaveTrainingRoom,
  useTrainingRooms,
  type TrainingRoom,
  type TrainingRoomInput,
} from './api';

const FIELDS = ['name', 'cidr', 'seats'] as const;

/**
 * Training rooms (培训室) the institution declares: name, public IP or range, seats. Group learning by its own learners
 * from a declared range is a class in its room, not an early-warning alert. Administrators edit; regulators read.
 */
export function TrainingRoomsCard({ institutionId, editable }: { institutionId: string; editable: boolean }) {
  const { t, i18n } = useTranslation();
  const { modal, message } = App.useApp();
  const mobile = useIsMobile();
  const rooms = useTrainingRooms(institutionId);
  const save = useSaveTrainingRoom(institutionId);
  const remove = useDeleteTrainingRoom(institutionId);
  const [editing, setEditing] = useState<TrainingRoom | 'new' | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [form] = Form.useForm<TrainingRoomInput>();

  const open = (room: TrainingRoom | 'new') => {
    setError(null);
    form.setFieldsValue(
      room === 'new'
        ? { name: '', cidr: '', seats: undefined as unknown as number }
        : { name: room.name, cidr: room.cidr, seats: room.seats },
    );
    setEditing(room);
  };
  const submit = async () => {
    const input = await form.validateFields();
    setError(null);
    try {
      await save.mutateAsync({
        id: editing && editing !== 'new' ? editing.id : null,
        input: { ...input, name: input.name.trim(), cidr: input.cidr.trim() },
      });
      void message.success(t('institutions.trainingRooms.saved'));
      setEditing(null);
    } catch (e) {
      if (!showFieldError(form, e, i18n.language, FIELDS)) setError(e);
    }
  };
  const onRemove = (room: TrainingRoom) =>
    modal.confirm({
      title: t('institutions.trainingRooms.removeConfirm', { name: room.name }),
      okButtonProps: { danger: true },
      okText: t('institutions.trainingRooms.remove'),
      cancelText: t('common.cancel'),
      onOk: () =>
        remove.mutateAsync(room.id).then(
          () => void message.success(t('institutions.trainingRooms.removed')),
          (e: unknown) => setError(e),
        ),
    });

  const actions = (room: TrainingRoom) => (
    <Space size={4}>
      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => open(room)} data-testid="room-edit">
        {t('institutions.trainingRooms.edit')}
      </Button>
      <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => onRemove(room)}>
        {t('institutions.trainingRooms.remove')}
      </Button>
    </Space>
  );

  return (
    <Card
      size="small"
      title={t('institutions.trainingRooms.title')}
      extra={
        editable && (
          <Button size="small" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="room-add">
            {t('institutions.trainingRooms.add')}
          </Button>
        )
      }
      data-testid="training-rooms"
    >
      <Typography.Paragraph type="secondary" className="yx-in-sub">
        {t(editable ? 'institutions.trainingRooms.hint' : 'institutions.trainingRooms.readOnlyHint')}
      </Typography.Paragraph>
      <ErrorAlert error={rooms.error ?? (editing ? null : error)} className="yx-form-alert" />
      {mobile ? (
        <List
          dataSource={rooms.data ?? []}
          loading={rooms.isFetching}
          locale={{ emptyText: t('institutions.trainingRooms.empty') }}
          renderItem={(room) => (
            <List.Item extra={editable ? actions(room) : undefined}>
              <Flex vertical gap={0}>
                <span>{room.name}</span>
                <Typography.Text className="yx-mono">{room.cidr}</Typography.Text>
                <Typography.Text type="secondary" className="yx-in-sub">
                  {t('institutions.trainingRooms.seats')} {room.seats} · {t('institutions.trainingRooms.updatedAt')}{' '}
                  {formatMinute(room.updatedAt, i18n.language)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
      ) : (
        <Table<TrainingRoom>
          rowKey="id"
          size="small"
          dataSource={rooms.data ?? []}
          loading={rooms.isFetching}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('institutions.trainingRooms.empty') }}
          columns={[
            { key: 'name', title: t('institutions.trainingRooms.name'), dataIndex: 'name' },
            {
              key: 'cidr',
              title: t('institutions.trainingRooms.cidr'),
              render: (_, r) => (
                <Typography.Text className="yx-mono" style={{ whiteSpace: 'nowrap' }}>
                  {r.cidr}
                </Typography.Text>
              ),
            },
            {
              key: 'seats',
              title: <span style={{ whiteSpace: 'nowrap' }}>{t('institutions.trainingRooms.seats')}</span>,
              dataIndex: 'seats',
              align: 'right',
            },
            ...(editable
              ? [
                  {
                    key: 'actions',
                    title: t('institutions.trainingRooms.actions'),
                    render: (_: unknown, r: TrainingRoom) => actions(r),
                  },
                ]
              : []),
          ]}
        />
      )}
      <Modal
        open={!!editing}
        title={editing === 'new' ? t('institutions.trainingRooms.add') : t('institutions.trainingRooms.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => void submit()}
        okText={t('common.submit')}
        cancelText={t('common.cancel')}
        confirmLoading={save.isPending}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'room-save' }}
      >
        <ErrorAlert error={error} className="yx-form-alert" />
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item
            name="name"
            label={t('institutions.trainingRooms.name')}
            rules={[{ required: true, whitespace: true, message: t('institutions.trainingRooms.nameRequired') }]}
          >
            <Input maxLength={60} data-testid="room-name" />
          </Form.Item>
          <Form.Item
            name="cidr"
            label={t('institutions.trainingRooms.cidr')}
            extra={t('institutions.trainingRooms.cidrHelp')}
            rules={[{ required: true, whitespace: true, message: t('institutions.trainingRooms.cidrRequired') }]}
          >
            <Input maxLength={64} className="yx-mono" placeholder="203.0.113.0/28" data-testid="room-cidr" />
          </Form.Item>
          <Form.Item
            name="seats"
            label={t('institutions.trainingRooms.seats')}
            rules={[
              {
                required: true,
                type: 'integer',
                min: 1,
                max: 2000,
                message: t('institutions.trainingRooms.seatsRequired'),
              },
            ]}
          >
            <InputNumber min={1} max={2000} precision={0} style={{ width: 160 }} data-testid="room-seats" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
