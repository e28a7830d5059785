import { PaperClipOutlined } from '@ant-design/icons';
import { Card, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../shared/format';
import { formatFileSize } from '../../shared/forms/attachments';
import { reportFileUrl, STEP_COLORS, stepView, type InstructionDetail } from '../instructions';

/** 执行链: the whole chain of one instruction in one vertical timeline, oldest first (一贯到底). */
export function InstructionTimeline({ detail }: { detail: InstructionDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('workbench.instructions.detail.timeline')} data-testid="instruction-timeline">
      <Timeline
        pending={detail.status === 'open' ? t('workbench.instructions.detail.pending') : undefined}
        items={detail.timeline.map((step) => {
          const view = stepView(step, t);
          return {
            key: step.seq,
            color: STEP_COLORS[step.kind],
            children: (
              <div className="zl-ins-step" data-testid="timeline-step" data-kind={step.kind}>
                <div className="zl-ins-step-title">{view.title}</div>
                {view.detail ? <div>{view.detail}</div> : null}
                {view.text ? (
                  <blockquote className="zl-ins-step-words" data-testid="timeline-text">
                    {view.text}
                  </blockquote>
                ) : null}
                {view.files.length ? (
                  <ul className="zl-ins-files">
                    {view.files.map((file) => (
                      <li key={file.id}>
                        <a href={reportFileUrl(detail.id, file.id)} target="_blank" rel="noreferrer" data-testid="timeline-file">
                          <PaperClipOutlined /> {file.name}
                        </a>{' '}
                        <span className="zl-ins-meta">{formatFileSize(file.size)}</span>
                      </li>
                    ))}
                  </ul>
                ) : null}
                <div className="zl-ins-meta">
                  {step.actor.name || t('workbench.instructions.detail.system')} · {formatDateTime(step.at)}
                </div>
              </div>
            ),
          };
        })}
      />
    </Card>
  );
}
