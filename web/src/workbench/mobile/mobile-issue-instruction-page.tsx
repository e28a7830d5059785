import { useState } from 'react';
import { Button, Checkbox, Form, Input, List, SearchBar, Selector, Tag, TextArea, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../shared/errors';
import { useIdempotencyKey } from '../../shared/use-idempotency-key';
import { useDebounced, usePeopleSearch } from '../address-book';
import { DEADLINE_PRESETS, deadlineInDays, freeSubjectId, instructionPath, localInputToIso, useIssueInstruction } from '../instructions';

interface Values {
  subjectTitle: string;
  text: string;
}

/**
 * 下达批示 on a phone (a leader between meetings): about a report, warning or document named by
 * its title, to people found in the address book, with a deadline picked from quick choices.
 * Cases and tasks, and organisations as recipients, are on the desktop Workbench.
 */
export function MobileIssueInstructionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const issue = useIssueInstruction();
  const { key, renew } = useIdempotencyKey();
  const [days, setDays] = useState<number>(7);
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const found = usePeopleSearch(q);
  const [people, setPeople] = useState<{ id: string; name: string }[]>([]);
  const toggle = (id: string, name: string) =>
    setPeople((current) => (current.some((p) => p.id === id) ? current.filter((p) => p.id !== id) : [...current, { id, name }]));

  const submit = (values: Values) => {
    if (!people.length) {
      Toast.show({ icon: 'fail', content: t('workbench.instructions.mobile.pickPeople') });
      return;
    }
    issue.mutate(
      {
        key,
        input: {
          subjectType: 'report',
          subjectId: freeSubjectId('report'),
          subjectTitle: values.subjectTitle.trim(),
          text: values.text.trim(),
          deadline: localInputToIso(deadlineInDays(days)) ?? '',
          priority: 'normal',
          recipients: { accountIds: people.map((p) => p.id), orgIds: [] },
        },
      },
      {
        onSuccess: (issued) => {
          renew();
          Toast.show({ icon: 'success', content: t('workbench.instructions.form.done') });
          navigate(instructionPath(issued.id, true), { replace: true });
        },
        onError: (error) => Toast.show({ icon: 'fail', content: errorMessage(error, t) }),
      },
    );
  };

  return (
    <div data-testid="mobile-issue-instruction">
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        footer={
          <Button block type="submit" color="primary" size="large" loading={issue.isPending} data-testid="mobile-issue-submit">
            {t('workbench.instructions.mobile.issue')}
          </Button>
        }
      >
        <Form.Header>{t('workbench.instructions.mobile.issue')}</Form.Header>
        <Form.Item
          name="subjectTitle"
          label={t('workbench.instructions.mobile.about')}
          rules={[{ required: true, whitespace: true, message: t('workbench.instructions.mobile.aboutRequired') }]}
        >
          <Input placeholder={t('workbench.instructions.mobile.aboutPlaceholder')} maxLength={200} data-testid="mobile-issue-about" />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('workbench.instructions.mobile.text')}
          rules={[{ required: true, whitespace: true, min: 2, message: t('workbench.instructions.mobile.textRequired') }]}
        >
          <TextArea rows={4} maxLength={2000} showCount data-testid="mobile-issue-text" />
        </Form.Item>
        <Form.Item label={t('workbench.instructions.mobile.deadline')}>
          <Selector
            columns={4}
            value={[days]}
            onChange={(v) => v[0] && setDays(v[0])}
            options={DEADLINE_PRESETS.map((d) => ({ label: t('workbench.instructions.mobile.inDays', { days: d }), value: d }))}
          />
        </Form.Item>
        <Form.Item label={t('workbench.instructions.mobile.people')}>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginBottom: 8 }} data-testid="mobile-issue-picked">
            {people.map((p) => (
              <Tag key={p.id} color="primary" fill="outline" onClick={() => toggle(p.id, p.name)}>
                {p.name} ✕
              </Tag>
            ))}
          </div>
          <SearchBar
            placeholder={t('workbench.instructions.form.peoplePlaceholder')}
            value={typed}
            onChange={setTyped}
            data-testid="mobile-issue-search"
          />
        </Form.Item>
      </Form>
      {q ? (
        <List>
          {(found.data ?? []).map((person) => (
            <List.Item
              key={person.accountId}
              description={[person.position, person.orgName].filter(Boolean).join(' · ')}
              prefix={<Checkbox checked={people.some((p) => p.id === person.accountId)} />}
              onClick={() => toggle(person.accountId, person.displayName)}
              data-testid={`mobile-person-${person.accountId}`}
            >
              {person.displayName}
            </List.Item>
          ))}
        </List>
      ) : null}
    </div>
  );
}
