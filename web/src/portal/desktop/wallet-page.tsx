import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock, ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import { certificatePdfUrl, formatMinute, verifyPath } from '../case-format';
import { useCertificates, type Certificate } from '../case-queries';
import '../case-pages.css';

/** One e-certificate: its name and status, serial, issuer, date; download the PDF, open its verification page. */
export function CertificateCard({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const revoked = certificate.status === 'revoked';
  return (
    <article className={`zl-cert${revoked ? ' is-revoked' : ''}`} data-testid="wallet-item" data-serial={certificate.serialNo}>
      <header className="zl-cert-head">
        <SafetyCertificateOutlined className="zl-cert-icon" />
        <span className="zl-cert-kind">{certificate.kind}</span>
        <Tag color={revoked ? 'error' : 'success'} data-testid="wallet-status">
          {t(`portal.wallet.status.${certificate.status}`)}
        </Tag>
      </header>
      <dl className="zl-cert-facts">
        <dt>{t('portal.wallet.serialNo')}</dt>
        <dd className="zl-cert-serial">{certificate.serialNo}</dd>
        <dt>{t('portal.wallet.org')}</dt>
        <dd>{certificate.orgName}</dd>
        <dt>{t('portal.wallet.issuedAt')}</dt>
        <dd>{formatMinute(certificate.issuedAt)}</dd>
        {certificate.caseRef ? (
          <>
            <dt>{t('portal.wallet.caseRef')}</dt>
            <dd>{certificate.caseRef}</dd>
          </>
        ) : null}
        {(certificate.fields ?? []).map((field) => (
          <div key={field.label} className="zl-cert-field">
            <dt>{field.label}</dt>
            <dd>{field.value}</dd>
          </div>
        ))}
      </dl>
      {revoked && certificate.revokedReason ? (
        <p className="zl-cert-revoked">
          {t('portal.wallet.revoked', { at: formatMinute(certificate.revokedAt), reason: certificate.revokedReason })}
        </p>
      ) : null}
      <footer className="zl-cert-actions">
        <Button icon={<DownloadOutlined />} href={certificatePdfUrl(certificate.id)} download data-testid="wallet-download">
          {t('portal.wallet.download')}
        </Button>
        <Link to={verifyPath(certificate.serialNo)} data-testid="wallet-verify">
          {t('portal.wallet.verify')}
        </Link>
      </footer>
    </article>
  );
}

/** 电子证照 (`/portal/certificates`): the certificates the account holds. */
export function WalletPage() {
  const { t } = useTranslation();
  const list = useCertificates();
  return (
    <Panel title={t('portal.wallet.title')} extra={t('portal.wallet.intro')} testId="portal-certificates">
      {list.isError ? <ErrorBlock error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <LoadingBlock /> : null}
      {list.data && list.data.items.length === 0 ? (
        <EmptyBlock title={t('portal.certificates.empty')} description={t('portal.certificates.emptyDesc')} />
      ) : null}
      {list.data?.items.length ? (
        <div className="zl-cert-grid">
          {list.data.items.map((certificate) => (
            <CertificateCard key={certificate.id} certificate={certificate} />
          ))}
        </div>
      ) : null}
    </Panel>
  );
}
