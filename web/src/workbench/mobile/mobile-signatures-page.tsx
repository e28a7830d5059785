import { useState } from 'react';
import { Button, Dialog, Input, List, Steps, Tag, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { apiUrl, isApiError } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import { formatDateTime } from '../../shared/format';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { documentPath, useSignatureAction, useSignatureList, useSignatureRequest } from '../signatures';

/** 待我签署 on a phone: the documents whose turn is mine. */
export function MobileSignaturesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const list = useSignatureList('todo');
  if (list.isPending) return <MobileLoading />;
  if (list.isError) return <MobileError error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data.length) return <MobileEmpty title={t('workbench.signatures.empty')} />;
  return (
    <List header={t('workbench.signatures.views.todo')} data-testid="workbench-signatures">
      {list.data.map((r) => (
        <List.Item
          key={r.id}
          description={`${r.createdBy} · ${formatDateTime(r.createdAt)}`}
          extra={`${r.signed}/${r.total}`}
          onClick={() => navigate(`/m/workbench/signatures/${r.id}`)}
        >
          {r.title}
        </List.Item>
      ))}
    </List>
  );
}

/** One document on a phone: who signed, whose turn, and signing with the password again. */
export function MobileSignaturePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const request = useSignatureRequest(id);
  const action = useSignatureAction(id);
  const [password, setPassword] = useState('');
  if (request.isPending) return <MobileLoading />;
  if (request.isError) {
    if (isApiError(request.error) && request.error.status === 403) return <MobileEmpty title={t('workbench.signatures.forbidden')} />;
    return <MobileError error={request.error} onRetry={() => void request.refetch()} />;
  }
  const r = request.data;
  const sign = () =>
    action.mutate(
      { kind: 'sign', password },
      {
        onSuccess: () => {
          setPassword('');
          Toast.show({ icon: 'success', content: t('workbench.signatures.done') });
        },
        onError: (error) => Toast.show({ icon: 'fail', content: errorMessage(error, t) }),
      },
    );
  return (
    <div data-testid="signature-page" style={{ padding: 12 }}>
      <h3 style={{ margin: '4px 0 8px' }}>{r.title}</h3>
      <Tag color={r.status === 'completed' ? 'success' : r.status === 'pending' ? 'primary' : 'danger'}>
        {t(`workbench.signatures.status.${r.status}`)}
      </Tag>
      <Steps direction="vertical" current={r.signers.findIndex((s) => s.due)} style={{ marginTop: 8 }}>
        {r.signers.map((s) => (
          <Steps.Step
            key={s.accountId}
            title={s.displayName}
            status={s.status === 'signed' ? 'finish' : s.status === 'declined' ? 'error' : s.due ? 'process' : 'wait'}
            description={s.status === 'signed' ? formatDateTime(s.actedAt ?? '') : (s.orgName ?? '')}
          />
        ))}
      </Steps>
      <Button block onClick={() => void window.open(apiUrl(documentPath(r.id)), '_blank')} style={{ marginBottom: 12 }}>
        {t('workbench.signatures.download')}
      </Button>
      {r.maySign ? (
        <>
          <div style={{ marginBottom: 8, color: '#666' }}>{t('workbench.signatures.reauth')}</div>
          <Input
            type="password"
            placeholder={t('workbench.signatures.password')}
            value={password}
            onChange={setPassword}
            data-testid="signature-password"
          />
          <Button
            block
            color="primary"
            size="large"
            disabled={!password}
            loading={action.isPending}
            onClick={sign}
            style={{ marginTop: 12 }}
            data-testid="signature-sign"
          >
            {t('workbench.signatures.sign')}
          </Button>
          <Button
            block
            color="danger"
            fill="outline"
            style={{ marginTop: 8 }}
            onClick={() =>
              void Dialog.confirm({ content: t('workbench.signatures.declineConfirm') }).then((yes) => {
                if (yes) action.mutate({ kind: 'decline', reason: t('workbench.signatures.declinedOnPhone') });
              })
            }
          >
            {t('workbench.signatures.decline')}
          </Button>
        </>
      ) : null}
    </div>
  );
}
