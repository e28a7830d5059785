import { useState } from 'react';
import { CommentOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../shared/api';
import type { WorkflowTaskDetail } from '../../shared/api-types';
import { conversationPath, type Conversation } from '../messages';
import { GroupModal } from './new-conversation';

/**
 * 发起讨论群 on a task: a 群聊 about this task (its title the task's, members from the address
 * book), which opens once made. A task has one such group: when it exists already, it opens if
 * I am in it, else the server's answer says whom to ask.
 */
export function DiscussionGroupButton({ task }: { task: WorkflowTaskDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const opened = (conversation: Pick<Conversation, 'id'>) => {
    setOpen(false);
    navigate(conversationPath(conversation.id));
  };
  const existing = async (conversationId: string) => {
    try {
      opened(await api.get<Conversation>(`/conversations/${encodeURIComponent(conversationId)}`));
      void message.info(t('workbench.messages.discussion.exists'));
    } catch {
      // not a member: the modal already shows the server's answer (ask the group's owner)
    }
  };
  return (
    <>
      <Button icon={<CommentOutlined />} onClick={() => setOpen(true)} data-testid="task-discussion">
        {t('workbench.messages.discussion.button')}
      </Button>
      <GroupModal
        open={open}
        onClose={() => setOpen(false)}
        onCreated={opened}
        onConflict={(id) => void existing(id)}
        subject={{ type: 'task', id: task.id }}
        defaultTitle={[task.itemName, task.name].filter(Boolean).join('：').slice(0, 100)}
      />
    </>
  );
}
