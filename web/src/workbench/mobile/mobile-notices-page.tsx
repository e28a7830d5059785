import { useState } from 'react';
import { Badge, Button, InfiniteScroll, List, Space, Tabs, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { flattenPages } from '../../shared/query';
import { isKnownTopic, noticeTarget, topicKey, useNoticeActions, useNotices, useUnreadCount, type Notice } from '../notices';
import '../instructions.css';

/** 通知 on a phone (`/m/workbench/notices`): newest first, unread in bold; a tap marks it read and opens its link. */
export function MobileNoticesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const notices = useNotices(unreadOnly);
  const unread = useUnreadCount().data ?? 0;
  const { markRead, markAllRead } = useNoticeActions();
  const items = flattenPages(notices.data);

  const open = (notice: Notice) => {
    if (!notice.readAt) markRead.mutate(notice.id);
    const target = noticeTarget(notice.link, true);
    if (target) navigate(target);
  };

  return (
    <div data-testid="notices-page">
      <Tabs activeKey={unreadOnly ? 'unread' : 'all'} onChange={(key) => setUnreadOnly(key === 'unread')} style={{ background: '#fff' }}>
        <Tabs.Tab key="all" title={t('workbench.notices.all')} />
        <Tabs.Tab
          key="unread"
          title={
            <Badge content={unread || null} style={{ '--right': '-10px' }}>
              {t('workbench.notices.unreadOnly')}
            </Badge>
          }
        />
      </Tabs>
      <div style={{ padding: '8px 12px 0', textAlign: 'right' }}>
        <Button
          size="small"
          disabled={!unread}
          loading={markAllRead.isPending}
          onClick={() =>
            markAllRead.mutate(undefined, {
              onSuccess: () => Toast.show({ icon: 'success', content: t('workbench.notices.markAllDone') }),
              onError: (error) => Toast.show({ icon: 'fail', content: errorMessage(error, t) }),
            })
          }
          data-testid="notices-read-all"
        >
          {t('workbench.notices.markAllRead')}
        </Button>
      </div>
      {notices.isPending ? <MobileLoading /> : null}
      {notices.isError ? <MobileError error={notices.error} onRetry={() => void notices.refetch()} /> : null}
      {notices.isSuccess && !items.length ? (
        <MobileEmpty title={t(unreadOnly ? 'workbench.notices.emptyUnread' : 'workbench.notices.empty')} />
      ) : null}
      {items.length ? (
        <List data-testid="notice-list">
          {items.map((notice) => (
            <List.Item
              key={notice.id}
              clickable={Boolean(notice.link)}
              className={`zl-m-notice${notice.readAt ? '' : ' is-unread'}`}
              onClick={() => open(notice)}
              prefix={<Badge content={notice.readAt ? null : Badge.dot} />}
              description={
                <div>
                  <div>{notice.body}</div>
                  <Space wrap style={{ '--gap': '4px' }}>
                    {notice.urgent ? <Tag color="danger">{t('workbench.notices.urgent')}</Tag> : null}
                    <Tag fill="outline">
                      {isKnownTopic(notice.topic) ? t(`workbench.notices.topics.${topicKey(notice.topic)}`) : notice.topic}
                    </Tag>
                    <span>{formatDateTime(notice.createdAt)}</span>
                  </Space>
                </div>
              }
              data-testid={`notice-${notice.id}`}
              data-unread={!notice.readAt}
            >
              {notice.title}
            </List.Item>
          ))}
        </List>
      ) : null}
      {notices.hasNextPage ? (
        <InfiniteScroll loadMore={async () => void (await notices.fetchNextPage())} hasMore={notices.hasNextPage} />
      ) : null}
    </div>
  );
}
