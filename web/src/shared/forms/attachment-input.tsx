import { useRef } from 'react';
import { DeleteOutlined, LoadingOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_ACCEPT, attachmentUrl, formatFileSize, useAttachmentField } from './attachments';
import './forms.css';

export interface AttachmentInputProps {
  /** an attachment id, or ids when `multiple` (antd's Form.Item passes value and onChange) */
  value?: unknown;
  onChange?: (value: string | string[] | undefined) => void;
  multiple?: boolean;
  disabled?: boolean;
}

/** An attachment field on the desktop: 上传文件, then each file with its size, a download link and 删除. */
export function AttachmentInput({ value, onChange, multiple = false, disabled = false }: AttachmentInputProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const field = useAttachmentField(value, onChange, multiple, t);
  return (
    <div className="zl-attachments">
      {field.entries.length ? (
        <ul className="zl-attachment-list">
          {field.entries.map(({ id, ...entry }) => (
            <li key={entry.key} className="zl-attachment-item" data-testid="attachment-item" data-attachment-id={id ?? ''}>
              {entry.uploading ? <LoadingOutlined /> : <PaperClipOutlined />}
              {id ? (
                <a href={attachmentUrl(id)} target="_blank" rel="noreferrer" download className="zl-attachment-name">
                  {entry.name}
                </a>
              ) : (
                <span className="zl-attachment-name">{entry.name}</span>
              )}
              {entry.size !== null ? <span className="zl-attachment-size">{formatFileSize(entry.size)}</span> : null}
              {entry.uploading ? <span className="zl-attachment-size">{t('forms.attachment.uploading')}</span> : null}
              {id && !disabled ? (
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('forms.attachment.remove', { name: entry.name })}
                  title={t('forms.attachment.remove', { name: entry.name })}
                  onClick={() => field.remove(id)}
                />
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {field.canAdd ? (
        <Button icon={<UploadOutlined />} disabled={disabled} onClick={() => input.current?.click()}>
          {t('forms.attachment.upload')}
        </Button>
      ) : null}
      <input
        ref={input}
        type="file"
        style={{ display: 'none' }}
        accept={ATTACHMENT_ACCEPT}
        multiple={multiple}
        disabled={disabled}
        onChange={(event) => {
          field.add(Array.from(event.target.files ?? []));
          event.target.value = '';
        }}
        data-testid="attachment-file-input"
      />
      <Typography.Text type="secondary" className="zl-attachment-hint">
        {t('forms.attachment.hint')}
      </Typography.Text>
      {field.problems.map((problem) => (
        <div key={problem} className="zl-attachment-problem" role="alert">
          {problem}
        </div>
      ))}
    </div>
  );
}
