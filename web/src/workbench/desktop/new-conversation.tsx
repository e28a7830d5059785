import { Alert, Form, Input, Modal, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/errors';
import {
  existingSubjectGroup,
  MESSAGE_LIMITS,
  useAddMembers,
  useCreateGroup,
  useOpenDirect,
  type Conversation,
  type MessageSubjectType,
} from '../messages';
import { PeopleSelect, type PickedPerson } from './people-select';

/** 发起单聊: one person from the address book; the conversation with them (the existing one if any) opens. */
export function DirectModal({ open, onClose, onOpened }: { open: boolean; onClose: () => void; onOpened: (c: Conversation) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ person?: PickedPerson }>();
  const openDirect = useOpenDirect();
  const submit = (values: { person?: PickedPerson }) => {
    if (!values.person) return;
    openDirect.mutate(values.person.value, {
      onSuccess: (conversation) => {
        form.resetFields();
        onOpened(conversation);
      },
    });
  };
  return (
    <Modal
      open={open}
      title={t('workbench.messages.direct.title')}
      okText={t('workbench.messages.direct.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={openDirect.isPending}
      okButtonProps={{ 'data-testid': 'direct-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="direct-form">
        <Form.Item
          name="person"
          label={t('workbench.messages.direct.person')}
          rules={[{ required: true, message: t('workbench.messages.direct.personRequired') }]}
        >
          <PeopleSelect multiple={false} testId="direct-person" autoFocus />
        </Form.Item>
      </Form>
      {openDirect.isError ? <Alert type="error" showIcon message={errorMessage(openDirect.error, t)} /> : null}
    </Modal>
  );
}

interface GroupValues {
  title?: string;
  members?: PickedPerson[];
}

/**
 * 发起群聊: a title and members from the address book; I own it. About a subject (a task …),
 * the title starts as the subject's name and the group is that subject's one 讨论群.
 */
export function GroupModal({
  open,
  onClose,
  onCreated,
  subject,
  defaultTitle,
  onConflict,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (c: Conversation) => void;
  subject?: { type: MessageSubjectType; id: string };
  defaultTitle?: string;
  /** the subject already has a group: its id, from the 409 */
  onConflict?: (conversationId: string) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<GroupValues>();
  const create = useCreateGroup();
  const submit = (values: GroupValues) =>
    create.mutate(
      {
        title: values.title?.trim() || undefined,
        memberIds: (values.members ?? []).map((m) => m.value),
        ...(subject ? { subject } : {}),
      },
      {
        onSuccess: (conversation) => {
          form.resetFields();
          onCreated(conversation);
        },
        onError: (error) => {
          const existing = existingSubjectGroup(error);
          if (existing) onConflict?.(existing);
        },
      },
    );
  return (
    <Modal
      open={open}
      title={subject ? t('workbench.messages.discussion.title') : t('workbench.messages.group.title')}
      okText={t('workbench.messages.group.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      okButtonProps={{ 'data-testid': 'group-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ title: defaultTitle }} data-testid="group-form">
        <Form.Item
          name="title"
          label={t('workbench.messages.group.name')}
          rules={[
            { required: !subject, whitespace: true, message: t('workbench.messages.group.nameRequired') },
            { max: MESSAGE_LIMITS.title, message: t('workbench.messages.group.nameTooLong', { max: MESSAGE_LIMITS.title }) },
          ]}
        >
          <Input placeholder={t('workbench.messages.group.namePlaceholder')} maxLength={MESSAGE_LIMITS.title} data-testid="group-title" />
        </Form.Item>
        <Form.Item
          name="members"
          label={t('workbench.messages.group.members')}
          rules={[{ required: true, type: 'array', min: 1, message: t('workbench.messages.group.membersRequired') }]}
        >
          <PeopleSelect multiple testId="group-members" />
        </Form.Item>
        {subject ? <div className="zl-msg-meta">{t('workbench.messages.discussion.hint')}</div> : null}
      </Form>
      {create.isError ? (
        <Alert style={{ marginTop: 12 }} type="error" showIcon message={errorMessage(create.error, t)} data-testid="group-error" />
      ) : null}
    </Modal>
  );
}

/** 添加成员: the group's owner adds people from the address book; someone already in it is left as is. */
export function AddMembersModal({ conversation, open, onClose }: { conversation: Conversation; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ members?: PickedPerson[] }>();
  const add = useAddMembers(conversation.id);
  const submit = (values: { members?: PickedPerson[] }) =>
    add.mutate(
      (values.members ?? []).map((m) => m.value),
      {
        onSuccess: () => {
          form.resetFields();
          onClose();
        },
      },
    );
  return (
    <Modal
      open={open}
      title={t('workbench.messages.addMembers.title', { title: conversation.title })}
      okText={t('workbench.messages.addMembers.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={add.isPending}
      okButtonProps={{ 'data-testid': 'add-members-submit' } as ButtonProps}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={submit} data-testid="add-members-form">
        <Form.Item
          name="members"
          label={t('workbench.messages.group.members')}
          extra={t('workbench.messages.addMembers.hint')}
          rules={[{ required: true, type: 'array', min: 1, message: t('workbench.messages.group.membersRequired') }]}
        >
          <PeopleSelect multiple testId="add-members-people" autoFocus />
        </Form.Item>
      </Form>
      {add.isError ? (
        <Alert style={{ marginTop: 12 }} type="error" showIcon message={errorMessage(add.error, t)} data-testid="add-members-error" />
      ) : null}
    </Modal>
  );
}
