import { List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { attachmentUrl } from '../../shared/forms/attachments';
import { answerText, isCaseKey, useCaseForTask } from '../case-queries';

/** 办件信息 on a phone: the application's answers, each with where shared data gave it. */
export function MobileCaseCard({ businessKey }: { businessKey: string | null }) {
  const { t } = useTranslation();
  const found = useCaseForTask(businessKey);
  if (!isCaseKey(businessKey) || !found.data) return null;
  const c = found.data;
  return (
    <List header={`${t('workbench.case.title')} · ${c.caseNo}`} data-testid="case-card">
      <List.Item extra={c.applicantName}>{t('workbench.case.applicant')}</List.Item>
      {c.answers.map((a) => (
        <List.Item
          key={a.key}
          extra={
            a.attachment ? (
              <a href={attachmentUrl(String(a.value))} target="_blank" rel="noreferrer">
                {t('workbench.case.download')}
              </a>
            ) : (
              answerText(a.value)
            )
          }
          description={a.source ? <Tag color="success">{t('workbench.case.from', { source: a.source })}</Tag> : undefined}
        >
          {a.title}
        </List.Item>
      ))}
    </List>
  );
}
