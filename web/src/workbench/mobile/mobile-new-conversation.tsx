import { useState } from 'react';
import { CheckCircleFilled } from '@ant-design/icons';
import { Button, Input, List, Popup, SearchBar, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../shared/auth';
import { errorMessage } from '../../shared/errors';
import { MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { useDebounced, usePeopleSearch, type PersonCard } from '../address-book';
import { MESSAGE_LIMITS, useCreateGroup, useOpenDirect, type Conversation } from '../messages';

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

/** 发起群聊 on a phone: a title, people picked from the search (tap again to drop), 创建群聊. */
export function MobileGroupSheet({
  visible,
  onClose,
  onCreated,
}: {
  visible: boolean;
  onClose: () => void;
  onCreated: (c: Conversation) => void;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const [members, setMembers] = useState<Map<string, string>>(new Map());
  const create = useCreateGroup();
  const toggle = (person: PersonCard) =>
    setMembers((current) => {
      const next = new Map(current);
      if (next.has(person.accountId)) next.delete(person.accountId);
      else next.set(person.accountId, person.displayName);
      return next;
    });
  const submit = () => {
    if (!title.trim()) {
      Toast.show({ icon: 'fail', content: t('workbench.messages.group.nameRequired') });
      return;
    }
    if (!members.size) {
      Toast.show({ icon: 'fail', content: t('workbench.messages.group.membersRequired') });
      return;
    }
    create.mutate(
      { title: title.trim(), memberIds: [...members.keys()] },
      {
        onSuccess: (conversation) => {
          setTitle('');
          setMembers(new Map());
          onCreated(conversation);
        },
        onError: (error) => Toast.show({ icon: 'fail', content: errorMessage(error, t) }),
      },
    );
  };
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} showCloseButton bodyStyle={sheetStyle}>
      <div className="zl-m-sheet" data-testid="group-form">
        <h3>{t('workbench.messages.group.title')}</h3>
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
        <div className="zl-m-msg-picked" data-testid="group-members">
          <span className="zl-msg-meta">{t('workbench.messages.people.picked', { count: members.size })}</span>
          {[...members].map(([id, name]) => (
            <Tag key={id} color="primary" fill="outline" onClick={() => toggle({ accountId: id, displayName: name } as PersonCard)}>
              {name} ×
            </Tag>
          ))}
        </div>
        <SearchBar
          placeholder={t('workbench.messages.people.placeholder')}
          value={typed}
          onChange={setTyped}
          onClear={() => setTyped('')}
        />
        <PeopleResults q={q} picked={new Set(members.keys())} onPick={toggle} />
        <div style={{ marginTop: 16 }}>
          <Button block color="primary" size="large" loading={create.isPending} onClick={submit} data-testid="group-submit">
            {t('workbench.messages.group.submit')}
          </Button>
        </div>
      </div>
    </Popup>
  );
}
