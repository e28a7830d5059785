import { Button, Form, Input, Selector, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { errorMessage } from '../../shared/errors';
import { MobileEmpty, MobileError, MobileLoading } from '../../shared/mobile/mobile-results';
import type { ComplaintKind } from '../feedback-queries';
import { ComplaintList } from '../feedback-parts';
import { caseLabel, COMPLAINT_TEXT, OTHER_SERVICE, useComplaintsPage, type ComplaintProblem, type ComplaintsPage } from '../feedback-state';

/** The cases the form offers on a phone: the latest few, and the one the page was opened for. */
const OFFERED = 8;

function MobileComplaintForm({ page }: { page: ComplaintsPage }) {
  const { t } = useTranslation();
  const offered = page.cases.filter((c, i) => i < OFFERED || c.id === page.about);
  const aboutOptions = [
    ...offered.map((c) => ({ label: caseLabel(c), value: c.id })),
    { label: t('portal.complaints.aboutOther'), value: OTHER_SERVICE },
  ];
  const kindOptions = (['complaint', 'suggestion'] as const).map((kind) => ({ label: t(`portal.complaints.kinds.${kind}`), value: kind }));
  const problem = (which: ComplaintProblem) =>
    page.problems.includes(which) ? <div className="zl-feedback-error">{t(`portal.complaints.${which}`)}</div> : null;
  return (
    <section className="zl-m-section" data-testid="complaint-form">
      <h2 className="zl-m-section-title">{t('portal.complaints.formTitle')}</h2>
      <Form
        layout="vertical"
        className="zl-m-apply-form"
        footer={
          <>
            {page.mutation.isError ? (
              <div className="zl-m-apply-notice is-error" role="alert">
                {t('portal.complaints.failed', { reason: errorMessage(page.mutation.error, t) })}
              </div>
            ) : null}
            <Button
              block
              color="primary"
              size="large"
              loading={page.mutation.isPending}
              onClick={() => page.submit(() => Toast.show({ icon: 'success', content: t('portal.complaints.submitted') }))}
              data-testid="complaint-submit"
            >
              {t('portal.complaints.submit')}
            </Button>
          </>
        }
      >
        <Form.Item label={t('portal.complaints.kind')} required>
          <Selector<ComplaintKind>
            options={kindOptions}
            value={[page.kind]}
            onChange={(value) => value[0] && page.setKind(value[0])}
            data-testid="complaint-kind"
          />
        </Form.Item>
        <Form.Item label={t('portal.complaints.about')} required help={page.casesQuery.isPending ? t('common.loading') : undefined}>
          <Selector<string>
            columns={1}
            options={aboutOptions}
            value={page.about ? [page.about] : []}
            onChange={(value) => page.setAbout(value[0] ?? '')}
            data-testid="complaint-about"
          />
          {problem('noTarget')}
        </Form.Item>
        {page.about === OTHER_SERVICE ? (
          <Form.Item label={t('portal.complaints.serviceCode')} required description={t('portal.complaints.serviceCodeHint')}>
            <Input
              value={page.serviceCode}
              onChange={page.setServiceCode}
              placeholder={t('portal.complaints.serviceCodePlaceholder')}
              clearable
              aria-label={t('portal.complaints.serviceCode')}
              data-testid="complaint-service-code"
            />
            {problem('badCode')}
          </Form.Item>
        ) : null}
        <Form.Item label={t('portal.complaints.text')} required>
          <TextArea
            value={page.text}
            onChange={page.setText}
            placeholder={t('portal.complaints.textPlaceholder')}
            maxLength={COMPLAINT_TEXT.max}
            showCount
            autoSize={{ minRows: 4, maxRows: 10 }}
            aria-label={t('portal.complaints.text')}
            data-testid="complaint-text"
          />
          {problem('tooShort')}
        </Form.Item>
      </Form>
    </section>
  );
}

/** 投诉与建议 on phones (`/m/portal/complaints`, from 我的 or a case's 投诉建议 with `?caseId=`): the form, and mine with the answers. */
export function MobileComplaintsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const page = useComplaintsPage(params.get('caseId'));
  const list = page.list;
  return (
    <div data-testid="portal-complaints">
      <h2 className="zl-m-section-title zl-m-page-title">{t('portal.complaints.title')}</h2>
      <p className="zl-m-page-intro">{t('portal.complaints.intro')}</p>
      <MobileComplaintForm page={page} />
      <section className="zl-m-section">
        <h2 className="zl-m-section-title">{t('portal.complaints.mine')}</h2>
        {list.isError ? <MobileError error={list.error} onRetry={() => void list.refetch()} /> : null}
        {list.isPending ? <MobileLoading /> : null}
        {list.data && list.data.items.length === 0 ? <MobileEmpty title={t('portal.complaints.empty')} /> : null}
        {list.data?.items.length ? <ComplaintList items={list.data.items} cases={page.cases} /> : null}
      </section>
    </div>
  );
}
