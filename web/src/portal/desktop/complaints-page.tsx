import { Alert, App, Button, Col, Form, Input, Radio, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyBlock, ErrorBlock, LoadingBlock, Panel } from '../../shared/desktop/states';
import { errorMessage } from '../../shared/errors';
import type { ComplaintKind } from '../feedback-queries';
import { ComplaintList } from '../feedback-parts';
import { caseLabel, COMPLAINT_TEXT, OTHER_SERVICE, useComplaintsPage, type ComplaintProblem, type ComplaintsPage } from '../feedback-state';

function ComplaintForm({ page }: { page: ComplaintsPage }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const aboutOptions = [
    ...page.cases.map((c) => ({ label: caseLabel(c), value: c.id })),
    { label: t('portal.complaints.aboutOther'), value: OTHER_SERVICE },
  ];
  const issue = (problem: ComplaintProblem) =>
    page.problems.includes(problem) ? { validateStatus: 'error' as const, help: t(`portal.complaints.${problem}`) } : {};
  return (
    <Panel title={t('portal.complaints.formTitle')} testId="complaint-form">
      <Form layout="vertical" component="div">
        <Form.Item label={t('portal.complaints.kind')} required>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={page.kind}
            onChange={(event) => page.setKind(event.target.value as ComplaintKind)}
            options={(['complaint', 'suggestion'] as const).map((kind) => ({ label: t(`portal.complaints.kinds.${kind}`), value: kind }))}
            data-testid="complaint-kind"
          />
        </Form.Item>
        <Form.Item label={t('portal.complaints.about')} required {...issue('noTarget')}>
          <Select
            showSearch
            optionFilterProp="label"
            value={page.about || undefined}
            onChange={(value: string) => page.setAbout(value)}
            options={aboutOptions}
            loading={page.casesQuery.isPending}
            placeholder={t('portal.complaints.aboutPlaceholder')}
            aria-label={t('portal.complaints.about')}
            data-testid="complaint-about"
          />
        </Form.Item>
        {page.about === OTHER_SERVICE ? (
          <Form.Item
            label={t('portal.complaints.serviceCode')}
            required
            extra={t('portal.complaints.serviceCodeHint')}
            {...issue('badCode')}
          >
            <Input
              value={page.serviceCode}
              onChange={(event) => page.setServiceCode(event.target.value)}
              placeholder={t('portal.complaints.serviceCodePlaceholder')}
              allowClear
              data-testid="complaint-service-code"
            />
          </Form.Item>
        ) : null}
        <Form.Item label={t('portal.complaints.text')} required {...issue('tooShort')}>
          <Input.TextArea
            value={page.text}
            onChange={(event) => page.setText(event.target.value)}
            placeholder={t('portal.complaints.textPlaceholder')}
            maxLength={COMPLAINT_TEXT.max}
            showCount
            autoSize={{ minRows: 4, maxRows: 10 }}
            data-testid="complaint-text"
          />
        </Form.Item>
        {page.mutation.isError ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('portal.complaints.failed', { reason: errorMessage(page.mutation.error, t) })}
          />
        ) : null}
        <Button
          type="primary"
          loading={page.mutation.isPending}
          onClick={() => page.submit(() => void message.success(t('portal.complaints.submitted')))}
          data-testid="complaint-submit"
        >
          {t('portal.complaints.submit')}
        </Button>
      </Form>
    </Panel>
  );
}

/** 投诉与建议 (`/portal/complaints`, from the menu or a case's 投诉建议 with `?caseId=`): the form, and mine with the answers. */
export function ComplaintsPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const page = useComplaintsPage(params.get('caseId'));
  const list = page.list;
  return (
    <div data-testid="portal-complaints">
      <h2 className="zl-page-title">{t('portal.complaints.title')}</h2>
      <p className="zl-feedback-intro">{t('portal.complaints.intro')}</p>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={10}>
          <ComplaintForm page={page} />
        </Col>
        <Col xs={24} lg={14}>
          <Panel title={t('portal.complaints.mine')}>
            {list.isError ? <ErrorBlock error={list.error} onRetry={() => void list.refetch()} /> : null}
            {list.isPending ? <LoadingBlock /> : null}
            {list.data && list.data.items.length === 0 ? <EmptyBlock title={t('portal.complaints.empty')} /> : null}
            {list.data?.items.length ? <ComplaintList items={list.data.items} cases={page.cases} /> : null}
          </Panel>
        </Col>
      </Row>
    </div>
  );
}
