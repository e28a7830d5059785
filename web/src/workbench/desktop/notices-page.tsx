import { useState } from 'react';
import { CheckOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorBlock } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { flattenPages } from '../../shared/query';
import { isKnownTopic, noticeTarget, topicKey, useNoticeActions, useNotices, useUnreadCount, type Notice } from '../notices';
import '../instructions.css';

function TopicTag({ topic }: { topic: string }) {
  const { t } = useTranslation();
  return <Tag>{isKnownTopic(topic) ? t(`workbench.notices.topics.${topicKey(topic)}`) : topic}</Tag>;
}

/** 通知 (`/workbench/notices`): newest first, unread in bold; a click marks it read and opens its link. */
export function NoticesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const notices = useNotices(unreadOnly);
  const unread = useUnreadCount().data ?? 0;
  const { markRead, markAllRead } = useNoticeActions();
  const items = flattenPages(notices.data);

  const open = (notice: Notice) => {
    if (!notice.readAt) markRead.mutate(notice.id);
    const target = noticeTarget(notice.link, false);
    if (target) navigate(target);
  };

  return (
    <Card
      title={
        <Space>
          <span>{t('workbench.notices.title')}</span>
          {unread ? <Badge count={unread} overflowCount={99} /> : null}
        </Space>
      }
      extra={
        <Space wrap>
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(value) => setUnreadOnly(value === 'unread')}
            options={[
              { value: 'all', label: t('workbench.notices.all') },
              { value: 'unread', label: t('workbench.notices.unreadOnly') },
            ]}
            data-testid="notices-filter"
          />
          <Button
            icon={<CheckOutlined />}
            disabled={!unread}
            loading={markAllRead.isPending}
            onClick={() =>
              markAllRead.mutate(undefined, {
                onSuccess: () => void message.success(t('workbench.notices.markAllDone')),
                onError: (error) => void message.error(errorMessage(error, t)),
              })
            }
            data-testid="notices-read-all"
          >
            {t('workbench.notices.markAllRead')}
          </Button>
        </Space>
      }
      data-testid="notices-page"
    >
      {notices.isError ? (
        <ErrorBlock error={notices.error} onRetry={() => void notices.refetch()} />
      ) : (
        <List<Notice>
          loading={notices.isPending}
          dataSource={items}
          locale={{ emptyText: t(unreadOnly ? 'workbench.notices.emptyUnread' : 'workbench.notices.empty') }}
          data-testid="notice-list"
          renderItem={(notice) => (
            <List.Item
              className={`zl-notice${notice.readAt ? '' : ' is-unread'}${notice.link ? ' is-link' : ''}`}
              onClick={() => open(notice)}
              data-testid={`notice-${notice.id}`}
              data-unread={!notice.readAt}
              actions={
                notice.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        type="link"
                        size="small"
                        onClick={(event) => {
                          event.stopPropagation();
                          markRead.mutate(notice.id);
                        }}
                        data-testid="notice-read"
                      >
                        {t('workbench.notices.markRead')}
                      </Button>,
                    ]
              }
            >
              <List.Item.Meta
                avatar={<Badge dot={!notice.readAt} status={notice.readAt ? 'default' : 'processing'} />}
                title={
                  <Space size={4} wrap>
                    {notice.urgent ? <Tag color="red">{t('workbench.notices.urgent')}</Tag> : null}
                    <TopicTag topic={notice.topic} />
                    {noticeTarget(notice.link, false) ? (
                      <a
                        href={noticeTarget(notice.link, false) ?? undefined}
                        className="zl-notice-title"
                        onClick={(event) => {
                          event.preventDefault();
                          event.stopPropagation();
                          open(notice);
                        }}
                      >
                        {notice.title}
                      </a>
                    ) : (
                      <span className="zl-notice-title">{notice.title}</span>
                    )}
                  </Space>
                }
                description={
                  <div>
                    <Typography.Paragraph style={{ marginBottom: 4 }} ellipsis={{ rows: 2 }}>
                      {notice.body}
                    </Typography.Paragraph>
                    <span className="zl-ins-meta">{formatDateTime(notice.createdAt)}</span>
                  </div>
                }
              />
            </List.Item>
          )}
          loadMore={
            notices.hasNextPage ? (
              <div className="zl-load-more">
                <Button onClick={() => void notices.fetchNextPage()} loading={notices.isFetchingNextPage}>
                  {t('common.loadMore')}
                </Button>
              </div>
            ) : null
          }
        />
      )}
    </Card>
  );
}
