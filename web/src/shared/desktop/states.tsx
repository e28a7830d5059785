import type { ReactNode } from 'react';
import { Alert, Button, Empty, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../errors';

// Loading, error and empty states of desktop pages. Kept light (no antd Result with its
// illustrations) because the Portal's first route loads this file.

export function LoadingBlock() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: 48, textAlign: 'center' }} role="status">
      <Spin />
      <div style={{ marginTop: 8, color: 'var(--zl-text-secondary)' }}>{t('common.loading')}</div>
    </div>
  );
}

export function ErrorBlock({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="error"
      showIcon
      message={t('errors.loadFailed')}
      description={errorMessage(error, t)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}

export function EmptyBlock({ title, description }: { title: string; description?: string }) {
  return (
    <Empty
      style={{ padding: '32px 0' }}
      description={
        <div>
          <div style={{ fontSize: '1.1em', marginBottom: 4 }}>{title}</div>
          {description ? <div style={{ color: 'var(--zl-text-secondary)' }}>{description}</div> : null}
        </div>
      }
    />
  );
}

/** A titled box like antd's Card, without Card's tabs and skeleton (for the Portal's first route). */
export function Panel(props: { title?: ReactNode; extra?: ReactNode; children: ReactNode; testId?: string; className?: string }) {
  return (
    <section className={`zl-panel${props.className ? ` ${props.className}` : ''}`} data-testid={props.testId}>
      {props.title || props.extra ? (
        <header className="zl-panel-head">
          <h2 className="zl-panel-title">{props.title}</h2>
          {props.extra ? <div className="zl-panel-extra">{props.extra}</div> : null}
        </header>
      ) : null}
      <div className="zl-panel-body">{props.children}</div>
    </section>
  );
}
