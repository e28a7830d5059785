import { useRef } from 'react';
import { DeleteOutlined, LoadingOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { Button } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_ACCEPT, attachmentUrl, formatFileSize, useAttachmentField } from './attachments';
import type { AttachmentInputProps } from './attachment-input';
import './forms.css';

/** An attachment field on a phone: the files, each with its size and a download link, and 上传文件 (camera or files). */
export function MobileAttachmentInput({ value, onChange, multiple = false, disabled = false }: AttachmentInputProps) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const field = useAttachmentField(value, onChange, multiple, t);
  return (
    <div className="zl-attachments zl-m-attachments">
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
              <span className="zl-attachment-size">
                {entry.uploading ? t('forms.attachment.uploading') : entry.size !== null ? formatFileSize(entry.size) : ''}
              </span>
              {id && !disabled ? (
                <button
                  type="button"
                  className="zl-attachment-remove"
                  aria-label={t('forms.attachment.remove', { name: entry.name })}
                  onClick={() => field.remove(id)}
                >
                  <DeleteOutlined />
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {field.canAdd ? (
        <Button size="small" color="primary" fill="outline" disabled={disabled} onClick={() => input.current?.click()}>
          <UploadOutlined /> {t('forms.attachment.upload')}
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
      <div className="zl-attachment-hint">{t('forms.attachment.hint')}</div>
      {field.problems.map((problem) => (
        <div key={problem} className="zl-attachment-problem" role="alert">
          {problem}
        </div>
      ))}
    </div>
  );
}
