import { useState } from 'react';
import { CommentOutlined } from '@ant-design/icons';
import { Button, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../shared/api';
import type { WorkflowTaskDetail } from '../../shared/api-types';
import { conversationPath, type Conversation } from '../messages';
import { MobileGroupSheet } from './mobile-new-conversation';

/**
 * 发起讨论群 on a task, on a phone: a 群聊 about this task with people from the address book,
 * which opens once made. A task has one such group: when it exists, it opens if I am in it;
 * otherwise the server's answer (shown) says to ask its owner.
 */
export function MobileDiscussionButton({ task }: { task: WorkflowTaskDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const opened = (conversation: Pick<Conversation, 'id'>) => {
    setOpen(false);
    navigate(conversationPath(conversation.id, true));
  };
  const existing = async (conversationId: string) => {
    try {
      opened(await api.get<Conversation>(`/conversations/${encodeURIComponent(conversationId)}`));
      Toast.show({ content: t('workbench.messages.discussion.exists') });
    } catch {
      // not a member: the toast already shows the server's answer (ask the group's owner)
    }
  };
  return (
    <div style={{ padding: '12px 12px 0' }}>
      <Button block fill="outline" onClick={() => setOpen(true)} data-testid="task-discussion">
        <CommentOutlined /> {t('workbench.messages.discussion.button')}
      </Button>
      <MobileGroupSheet
        visible={open}
        onClose={() => setOpen(false)}
        onCreated={opened}
        onConflict={(id) => void existing(id)}
        subject={{ type: 'task', id: task.id }}
        defaultTitle={[task.itemName, task.name].filter(Boolean).join('：').slice(0, 100)}
      />
    </div>
  );
}
