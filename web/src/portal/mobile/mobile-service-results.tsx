import { Button, List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { daysLabel, depthColor, depthLabel, Highlight, matchedElsewhere } from '../service-format';
import type { OnlineDepth, ServiceSummary } from '../service-queries';
import '../services.css';

/** 网办深度 as a coloured tag. */
export function MobileDepthTag({ depth }: { depth: OnlineDepth }) {
  const { t } = useTranslation();
  return (
    <Tag color={depthColor(depth)} fill="outline" data-testid="service-depth">
      {depthLabel(depth, t)}
    </Tag>
  );
}

/** Services as a tappable list: name (search words marked), handling organisation, type, 网办深度, 承诺时限, 免提交. */
export function MobileServiceResults({ services, busy = false }: { services: ServiceSummary[]; busy?: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <List style={busy ? { opacity: 0.6 } : undefined} aria-busy={busy} data-testid="service-results">
      {services.map((service) => {
        const elsewhere = matchedElsewhere(service.name, service.matched);
        return (
          <List.Item
            key={service.code}
            clickable
            onClick={() => navigate(`/m/portal/services/${encodeURIComponent(service.code)}`)}
            data-testid={`service-result-${service.code}`}
            description={
              <div className="zl-m-svc-meta">
                <span>{service.orgName}</span>
                <span>
                  {t('portalServices.promised', { limit: daysLabel(service.promisedDays, t) })}
                  {service.materialsExempt > 0 ? (
                    <span className="zl-m-svc-exempt"> · {t('portalServices.exemptCount', { n: service.materialsExempt })}</span>
                  ) : null}
                </span>
                {elsewhere.length > 0 ? <span>{t('portalServices.matchedBy', { words: elsewhere.join('、') })}</span> : null}
              </div>
            }
          >
            <div className="zl-m-svc-name" data-testid="service-result-name">
              <Highlight text={service.name} words={service.matched} />
            </div>
            <div className="zl-m-svc-tags">
              <MobileDepthTag depth={service.onlineDepth} />
              <Tag color="default" fill="outline">
                {service.type}
              </Tag>
            </div>
          </List.Item>
        );
      })}
    </List>
  );
}

/** Questions to try: each opens its search. */
export function MobileSearchSuggestions({ title, queries }: { title: string; queries: string[] }) {
  const navigate = useNavigate();
  return (
    <section className="zl-m-section" data-testid="service-suggestions">
      <h2 className="zl-m-section-title">{title}</h2>
      <div className="zl-m-svc-suggestions">
        {queries.map((q) => (
          <Button key={q} size="small" shape="rounded" onClick={() => navigate(`/m/portal/search?q=${encodeURIComponent(q)}`)}>
            {q}
          </Button>
        ))}
      </div>
    </section>
  );
}
