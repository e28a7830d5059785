import { RightOutlined } from '@ant-design/icons';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { antdColor, formatMinute, portalPaths, statusLabel, statusTone, type MyCaseRow } from '../case-format';
import type { BundleStatus, CaseStatus } from '../case-queries';
import '../case-pages.css';

/** A case's or a bundle application's status as a coloured tag. */
export function CaseStatusTag({ status, testId }: { status: CaseStatus | BundleStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={antdColor(statusTone(status))} data-testid={testId} data-status={status}>
      {statusLabel(status, t)}
    </Tag>
  );
}

/** 我的办件 as rows: name (一件事 marked), status, 办件编号, department, when applied. Each opens its page. */
export function CaseRows({ rows }: { rows: readonly MyCaseRow[] }) {
  const { t } = useTranslation();
  return (
    <ul className="zl-case-rows" data-testid="case-list">
      {rows.map((row) => {
        const bundle = row.kind === 'bundle';
        const to = bundle ? portalPaths.bundleApplication('/portal', row.id) : portalPaths.case('/portal', row.id);
        return (
          <li key={`${row.kind}-${row.id}`}>
            <Link to={to} className="zl-case-row" data-testid={bundle ? 'bundle-application-row' : 'case-row'} data-id={row.id}>
              <div className="zl-case-row-main">
                <div className="zl-case-row-head">
                  {bundle ? <Tag color="orange">{t('portal.cases.bundleTag')}</Tag> : null}
                  <span className="zl-case-row-name">{bundle ? row.item.name : row.item.serviceName}</span>
                  <CaseStatusTag status={row.item.status} testId="case-row-status" />
                </div>
                <div className="zl-case-row-meta">
                  <span>
                    {t('portal.cases.caseNo')} {row.item.caseNo}
                  </span>
                  {row.kind === 'case' ? <span>{row.item.orgName}</span> : null}
                  <span>
                    {t('portal.cases.submittedAt')} {formatMinute(row.at)}
                  </span>
                </div>
              </div>
              <RightOutlined className="zl-case-row-arrow" />
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
