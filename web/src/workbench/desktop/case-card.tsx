import { PaperClipOutlined } from '@ant-design/icons';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { attachmentUrl } from '../../shared/forms/attachments';
import { answerText, isCaseKey, useCaseForTask } from '../case-queries';

/** 办件信息: what the applicant asked, where shared data answered for them, and their files — beside the step's own form. */
export function CaseCard({ businessKey }: { businessKey: string | null }) {
  const { t } = useTranslation();
  const found = useCaseForTask(businessKey);
  if (!isCaseKey(businessKey) || !found.data) return null;
  const c = found.data;
  return (
    <Card
      size="small"
      style={{ marginTop: 16 }}
      title={
        <Space wrap>
          <span>{t('workbench.case.title')}</span>
          <Tag data-testid="case-no">{c.caseNo}</Tag>
        </Space>
      }
      data-testid="case-card"
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'service', label: t('workbench.case.service'), children: c.serviceName },
          { key: 'applicant', label: t('workbench.case.applicant'), children: <span data-testid="case-applicant">{c.applicantName}</span> },
          { key: 'submitted', label: t('workbench.case.submittedAt'), children: formatDateTime(c.submittedAt) },
          ...c.answers.map((a) => ({
            key: a.key,
            label: a.title,
            children: a.attachment ? (
              <a href={attachmentUrl(String(a.value))} target="_blank" rel="noreferrer" data-testid="case-attachment">
                <PaperClipOutlined /> {t('workbench.case.download')}
              </a>
            ) : (
              <Space wrap>
                <span>{answerText(a.value)}</span>
                {a.source ? (
                  <Tag color="green" data-testid="case-answer-source">
                    {t('workbench.case.from', { source: a.source })}
                  </Tag>
                ) : null}
              </Space>
            ),
          })),
        ]}
      />
      {c.exemptMaterials.length ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, marginTop: 8 }}>
          {t('workbench.case.exempt', { materials: c.exemptMaterials.join('、') })}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}
