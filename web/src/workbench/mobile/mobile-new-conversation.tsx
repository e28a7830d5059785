import { useState, type ReactNode } from 'react';
import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Input, List, Popup, SearchBar, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../shared/auth';
import { errorMessage } from '../../shared/errors';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { useDebounced, usePeopleSearch, type PersonCard } from '../address-book';
import {
  existingSubjectGroup,
  MESSAGE_LIMITS,
  useAddMembers,
  useCreateGroup,
  useOpenDirect,
  type Conversation,
  type MessageSubjectType,
} from '../messages';

/** People the reader may reach, by name, pinyin or initials (oneself left out); a tap picks one. */
function PeopleResults({ q, picked, onPick }: { q: string; picked?: ReadonlySet<string>; onPick: (person: PersonCard) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const found = usePeopleSearch(q);
  if (!q) return null;
  if (found.isPending) return <MobileLoading />;
  if (found.isError) return <MobileError error={found.error} onRetry={() => void found.refetch()} />;
  const people = found.data.filter((p) => p.accountId !== me.id);
  if (!people.length) return <div className="zl-m-center">{t('workbench.messages.people.none')}</div>;
  return (
    <List data-testid="people-results">
      {people.map((p) => (
        <List.Item
          key={p.accountId}
          clickable
          onClick={() => onPick(p)}
          description={[p.position, p.unitName, p.orgName].filter(Boolean).join(' · ')}
          extra={picked?.has(p.accountId) ? <CheckCircleFilled style={{ color: 'var(--adm-color-primary)' }} /> : null}
          data-testid={`person-option-${p.accountId}`}
        >
          {p.displayName}
        </List.Item>
      ))}
    </List>
  );
}

const sheetStyle = { height: '85vh', overflowY: 'auto' as const, borderTopLeftRadius: 12, borderTopRightRadius: 12 };

/** 发起单聊 on a phone: find a person, tap, and the conversation with them opens. */
export function MobileDirectSheet({
  visible,
  onClose,
  onOpened,
}: {
  visible: boolean;
  onClose: () => void;
  onOpened: (c: Conversation) => void;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const openDirect = useOpenDirect();
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} showCloseButton bodyStyle={sheetStyle} destroyOnClose>
      <div className="zl-m-sheet" data-testid="direct-form">
        <h3>{t('workbench.messages.direct.title')}</h3>
        <SearchBar
          placeholder={t('workbench.messages.people.placeholder')}
          value={typed}
          onChange={setTyped}
          onClear={() => setTyped('')}
          data-testid="direct-person"
        />
        <PeopleResults
          q={q}
          onPick={(person) =>
            openDirect.mutate(person.accountId, {
              onSuccess: onOpened,
              onError: (error) => Toast.show({ icon: 'fail', content: errorMessage(error, t) }),
            })
          }
        />
      </div>
    </Popup>
  );
}

/** A bottom sheet for picking people: its title, what goes in it, and one button at the end. */
function PeopleSheet(props: {
  visible: boolean;
  onClose: () => void;
  testId: string;
  title: string;
  submit: { label: string; testId: string; pending: boolean; onClick: () => void };
  children: ReactNode;
}) {
  return (
    <Popup visible={props.visible} onMaskClick={props.onClose} onClose={props.onClose} showCloseButton bodyStyle={sheetStyle}>
      <div className="zl-m-sheet" data-testid={props.testId}>
        <h3>{props.title}</h3>
        {props.children}
        <div style={{ marginTop: 16 }}>
          <Button
            block
            color="primary"
            size="large"
            loading={props.submit.pending}
            onClick={props.submit.onClick}
            data-testid={props.submit.testId}
          >
            {props.submit.label}
          </Button>
        </div>
      </div>
    </Popup>
  );
}

/** People picked so far (a tag drops one) and the search that picks more. */
function usePicked() {
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  const toggle = (person: Pick<PersonCard, 'accountId' | 'displayName'>) =>
    setPicked((current) => {
      const next = new Map(current);
      if (next.has(person.accountId)) next.delete(person.accountId);
      else next.set(person.accountId, person.displayName);
      return next;
    });
  return { picked, toggle, clear: () => setPicked(new Map()) };
}

function PeoplePicker({
  picked,
  onToggle,
  testId,
}: {
  picked: Map<string, string>;
  onToggle: (person: Pick<PersonCard, 'accountId' | 'displayName'>) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  return (
    <>
      <div className="zl-m-msg-picked" data-testid={testId}>
        <span className="zl-msg-meta">{t('workbench.messages.people.picked', { count: picked.size })}</span>
        {[...picked].map(([id, name]) => (
          <Tag key={id} color="primary" fill="outline" onClick={() => onToggle({ accountId: id, displayName: name })}>
            {name} ×
          </Tag>
        ))}
      </div>
      <SearchBar placeholder={t('workbench.messages.people.placeholder')} value={typed} onChange={setTyped} onClear={() => setTyped('')} />
      <PeopleResults q={q} picked={new Set(picked.keys())} onPick={onToggle} />
    </>
  );
}

/**
 * 发起群聊 on a phone: a title, people picked from the search (tap again to drop), 创建群聊. About
 * a subject (a task …) it is that subject's one 讨论群, its title starting as the subject's name;
 * `onConflict` gets the existing group's id when there is one.
 */
export function MobileGroupSheet({
  visible,
  onClose,
  onCreated,
  subject,
  defaultTitle = '',
  onConflict,
}: {
  visible: boolean;
  onClose: () => void;
  onCreated: (c: Conversation) => void;
  subject?: { type: MessageSubjectType; id: string };
  defaultTitle?: string;
  onConflict?: (conversationId: string) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(defaultTitle);
  const { picked, toggle, clear } = usePicked();
  const create = useCreateGroup();
  const submit = () => {
    if (!subject && !title.trim()) {
      Toast.show({ icon: 'fail', content: t('workbench.messages.group.nameRequired') });
      return;
    }
    if (!picked.size) {
      Toast.show({ icon: 'fail', content: t('workbench.messages.group.membersRequired') });
      return;
    }
    create.mutate(
      { title: title.trim() || undefined, memberIds: [...picked.keys()], ...(subject ? { subject } : {}) },
      {
        onSuccess: (conversation) => {
          setTitle(defaultTitle);
          clear();
          onCreated(conversation);
        },
        onError: (error) => {
          const existing = existingSubjectGroup(error);
          Toast.show({ icon: 'fail', content: errorMessage(error, t) });
          if (existing) onConflict?.(existing);
        },
      },
    );
  };
  return (
    <PeopleSheet
      visible={visible}
      onClose={onClose}
      testId="group-form"
      title={subject ? t('workbench.messages.discussion.title') : t('workbench.messages.group.title')}
      submit={{ label: t('workbench.messages.group.submit'), testId: 'group-submit', pending: create.isPending, onClick: submit }}
    >
      <List>
        <List.Item title={t('workbench.messages.group.name')}>
          <Input
            value={title}
            onChange={setTitle}
            maxLength={MESSAGE_LIMITS.title}
            placeholder={t('workbench.messages.group.namePlaceholder')}
            data-testid="group-title"
          />
        </List.Item>
      </List>
      {subject ? <div className="zl-msg-meta">{t('workbench.messages.discussion.hint')}</div> : null}
      <PeoplePicker picked={picked} onToggle={toggle} testId="group-members" />
    </PeopleSheet>
  );
}

/** 添加成员 on a phone: the group's owner picks people from the search; someone already in it is left as is. */
export function MobileAddMembersSheet({
  conversation,
  visible,
  onClose,
}: {
  conversation: Conversation;
  visible: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { picked, toggle, clear } = usePicked();
  const add = useAddMembers(conversation.id);
  const submit = () => {
    if (!picked.size) {
      Toast.show({ icon: 'fail', content: t('workbench.messages.group.membersRequired') });
      return;
    }
    add.mutate([...picked.keys()], {
      onSuccess: () => {
        clear();
        onClose();
      },
      onError: (error) => Toast.show({ icon: 'fail', content: errorMessage(error, t) }),
    });
  };
  return (
    <PeopleSheet
      visible={visible}
      onClose={onClose}
      testId="add-members-form"
      title={t('workbench.messages.addMembers.title', { title: conversation.title })}
      submit={{ label: t('workbench.messages.addMembers.submit'), testId: 'add-members-submit', pending: add.isPending, onClick: submit }}
    >
      <div className="zl-msg-meta">{t('workbench.messages.addMembers.hint')}</div>
      <PeoplePicker picked={picked} onToggle={toggle} testId="add-members-people" />
    </PeopleSheet>
  );
}
