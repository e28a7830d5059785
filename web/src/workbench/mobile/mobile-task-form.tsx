import { useState, type FormEvent } from 'react';
import { Button, Radio } from 'antd-mobile';
import { useTranslation } from 'react-i18next';

const OPINION_MAX_LENGTH = 500;

type Decision = 'approve' | 'reject';

/**
 * The phone completion form of a task without a form: 同意 / 不同意 (`approved`) and an
 * opinion (`opinion`, required when rejecting); the same variables as the desktop TaskForm,
 * with the same props.
 */
export function MobileTaskForm({
  submitting,
  onSubmit,
}: {
  formKey: string | null;
  submitting: boolean;
  onSubmit: (variables: Record<string, unknown>) => void;
}) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<Decision | null>(null);
  const [opinion, setOpinion] = useState('');
  const [errors, setErrors] = useState<{ decision?: string; opinion?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof errors = {};
    if (!decision) found.decision = t('workbench.tasks.decisionRequired');
    if (decision === 'reject' && !opinion.trim()) found.opinion = t('workbench.tasks.opinionRequired');
    setErrors(found);
    if (Object.keys(found).length) return;
    onSubmit({ approved: decision === 'approve', opinion: opinion.trim() });
  };

  return (
    <form className="zl-m-task-form" onSubmit={submit} noValidate data-testid="task-form">
      <div className="zl-m-field">
        <span className="zl-m-field-label">{t('workbench.tasks.decision')}</span>
        <div className="zl-m-radios" role="radiogroup" data-testid="task-decision">
          <Radio.Group
            value={decision}
            onChange={(value) => {
              setDecision(value as Decision);
              setErrors({});
            }}
          >
            <Radio value="approve">{t('workbench.tasks.approve')}</Radio>
            <Radio value="reject">{t('workbench.tasks.reject')}</Radio>
          </Radio.Group>
        </div>
        {errors.decision ? <div className="zl-m-field-error">{errors.decision}</div> : null}
      </div>
      <label className="zl-m-field">
        <span className="zl-m-field-label">{t('workbench.tasks.opinion')}</span>
        <textarea
          className="zl-m-input"
          value={opinion}
          maxLength={OPINION_MAX_LENGTH}
          placeholder={t('workbench.tasks.opinionPlaceholder')}
          onChange={(event) => {
            setOpinion(event.target.value);
            setErrors((previous) => ({ ...previous, opinion: undefined }));
          }}
          aria-invalid={Boolean(errors.opinion)}
          data-testid="task-opinion"
        />
        {errors.opinion ? <div className="zl-m-field-error">{errors.opinion}</div> : null}
      </label>
      <Button type="submit" block color="primary" size="large" loading={submitting} data-testid="task-complete">
        {t('workbench.tasks.complete')}
      </Button>
    </form>
  );
}
