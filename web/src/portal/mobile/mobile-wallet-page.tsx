import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import { certificatePdfUrl, formatMinute, verifyPath } from '../case-format';
import { useCertificates, type Certificate } from '../case-queries';
import '../case-pages.css';

/** One e-certificate on a phone: name and status, serial, issuer, date; download the PDF, open its verification page. */
export function MobileCertificateCard({ certificate }: { certificate: Certificate }) {
  const { t } = useTranslation();
  const revoked = certificate.status === 'revoked';
  return (
    <article className={`zl-cert zl-m-cert${revoked ? ' is-revoked' : ''}`} data-testid="wallet-item" data-serial={certificate.serialNo}>
      <header className="zl-cert-head">
        <SafetyCertificateOutlined className="zl-cert-icon" />
        <span className="zl-cert-kind">{certificate.kind}</span>
        <Tag color={revoked ? 'danger' : 'success'} data-testid="wallet-status">
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
        <a className="zl-m-cert-action is-primary" href={certificatePdfUrl(certificate.id)} download data-testid="wallet-download">
          <DownloadOutlined /> {t('portal.wallet.download')}
        </a>
        <Link className="zl-m-cert-action" to={verifyPath(certificate.serialNo)} data-testid="wallet-verify">
          <SafetyCertificateOutlined /> {t('portal.wallet.verify')}
        </Link>
      </footer>
    </article>
  );
}

/** 电子证照 on phones (`/m/portal/certificates`, from 我的): the certificates the account holds. */
export function MobileWalletPage() {
  const { t } = useTranslation();
  const list = useCertificates();
  return (
    <div data-testid="portal-certificates">
      <h2 className="zl-m-section-title zl-m-page-title">{t('portal.wallet.title')}</h2>
      <p className="zl-m-page-intro">{t('portal.wallet.intro')}</p>
      {list.isError ? <MobileError error={list.error} onRetry={() => void list.refetch()} /> : null}
      {list.isPending ? <MobileLoading /> : null}
      {list.data && list.data.items.length === 0 ? (
        <MobileEmpty title={t('portal.certificates.empty')} description={t('portal.certificates.emptyDesc')} />
      ) : null}
      <div className="zl-m-cert-list">
        {(list.data?.items ?? []).map((certificate) => (
          <MobileCertificateCard key={certificate.id} certificate={certificate} />
        ))}
      </div>
    </div>
  );
}
