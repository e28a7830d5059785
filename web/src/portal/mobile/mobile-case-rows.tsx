import { List, Tag } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatMinute, portalPaths, statusLabel, statusTone, type MyCaseRow } from '../case-format';
import type { BundleStatus, CaseStatus } from '../case-queries';
import '../case-pages.css';

/** A case's or a bundle application's status as a coloured tag. */
export function MobileCaseStatusTag({ status, testId }: { status: CaseStatus | BundleStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusTone(status)} fill="solid" data-testid={testId} data-status={status}>
      {statusLabel(status, t)}
    </Tag>
  );
}

/** 我的办件 as a tappable list: name (一件事 marked), status, 办件编号, department, when applied. */
export function MobileCaseRows({ rows }: { rows: readonly MyCaseRow[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <List data-testid="case-list">
      {rows.map((row) => {
        const bundle = row.kind === 'bundle';
        return (
          <List.Item
            key={`${row.kind}-${row.id}`}
            clickable
            onClick={() => navigate(bundle ? portalPaths.bundleApplication('/m/portal', row.id) : portalPaths.case('/m/portal', row.id))}
            extra={<MobileCaseStatusTag status={row.item.status} testId="case-row-status" />}
            description={
              <div className="zl-m-case-meta">
                <span>
                  {t('portal.cases.caseNo')} {row.item.caseNo}
                </span>
                {row.kind === 'case' ? <span>{row.item.orgName}</span> : null}
                <span>{formatMinute(row.at)}</span>
              </div>
            }
            data-testid={bundle ? 'bundle-application-row' : 'case-row'}
            data-id={row.id}
          >
            <span className="zl-m-case-name">
              {bundle ? (
                <Tag color="warning" fill="outline" className="zl-m-case-bundle-tag">
                  {t('portal.cases.bundleTag')}
                </Tag>
              ) : null}
              {bundle ? row.item.name : row.item.serviceName}
            </span>
          </List.Item>
        );
      })}
    </List>
  );
}
