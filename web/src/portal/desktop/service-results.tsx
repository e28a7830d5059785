import { BankOutlined, ClockCircleOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { daysLabel, depthColor, depthLabel, Highlight, matchedElsewhere } from '../service-format';
import type { OnlineDepth, ServiceSummary } from '../service-queries';
import '../services.css';

const TAG_COLORS = { success: 'green', primary: 'blue', warning: 'orange', default: 'default' } as const;

/** 网办深度 as a coloured tag. */
export function DepthTag({ depth }: { depth: OnlineDepth }) {
  const { t } = useTranslation();
  return (
    <Tag color={TAG_COLORS[depthColor(depth)]} data-testid="service-depth">
      {depthLabel(depth, t)}
    </Tag>
  );
}

/** One service in a list: name (search words marked), handling organisation, type, 网办深度, 承诺时限, 免提交. */
function ServiceResult({ service }: { service: ServiceSummary }) {
  const { t } = useTranslation();
  const elsewhere = matchedElsewhere(service.name, service.matched);
  return (
    <li>
      <Link
        to={`/portal/services/${encodeURIComponent(service.code)}`}
        className="zl-svc-result"
        data-testid={`service-result-${service.code}`}
      >
        <div className="zl-svc-result-head">
          <span className="zl-svc-result-name" data-testid="service-result-name">
            <Highlight text={service.name} words={service.matched} />
          </span>
          <DepthTag depth={service.onlineDepth} />
          <Tag>{service.type}</Tag>
        </div>
        <div className="zl-svc-result-meta">
          <span>
            <BankOutlined /> {service.orgName}
          </span>
          <span>
            <ClockCircleOutlined /> {t('portalServices.promised', { limit: daysLabel(service.promisedDays, t) })}
          </span>
          {service.materialsExempt > 0 ? (
            <span className="zl-svc-exempt-count">
              <SafetyCertificateOutlined /> {t('portalServices.exemptCount', { n: service.materialsExempt })}
            </span>
          ) : null}
        </div>
        {elsewhere.length > 0 ? (
          <div className="zl-svc-result-also">{t('portalServices.matchedBy', { words: elsewhere.join('、') })}</div>
        ) : null}
      </Link>
    </li>
  );
}

export function ServiceResults({ services, busy = false }: { services: ServiceSummary[]; busy?: boolean }) {
  return (
    <ol className="zl-svc-results" aria-busy={busy} data-testid="service-results">
      {services.map((service) => (
        <ServiceResult key={service.code} service={service} />
      ))}
    </ol>
  );
}

/** Questions to try: each opens its search. */
export function SearchSuggestions({ title, queries }: { title: string; queries: string[] }) {
  return (
    <div className="zl-svc-suggestions" data-testid="service-suggestions">
      <span className="zl-svc-suggestions-title">{title}</span>
      {queries.map((q) => (
        <Link key={q} to={`/portal/search?q=${encodeURIComponent(q)}`} className="zl-svc-chip">
          {q}
        </Link>
      ))}
    </div>
  );
}
