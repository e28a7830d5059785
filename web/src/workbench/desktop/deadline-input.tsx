import { Button, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { DEADLINE_PRESETS, deadlineInDays, toLocalInput } from '../instructions';

/**
 * A deadline: the browser's date-and-time picker (which refuses dates before now) and quick
 * picks of 3 / 7 / 14 / 30 days at 17:30. The value is datetime-local text in local time.
 */
export function DeadlineInput({
  value,
  onChange,
  testId,
  disabled,
}: {
  value?: string;
  onChange?: (value: string) => void;
  testId: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <div>
      <Input
        type="datetime-local"
        value={value ?? ''}
        min={toLocalInput(new Date())}
        onChange={(event) => onChange?.(event.target.value)}
        disabled={disabled}
        style={{ maxWidth: 260 }}
        data-testid={testId}
      />
      <div className="zl-ins-deadline-presets">
        {DEADLINE_PRESETS.map((days) => (
          <Button
            key={days}
            size="small"
            disabled={disabled}
            onClick={() => onChange?.(deadlineInDays(days))}
            data-testid={`${testId}-${days}`}
          >
            {t('workbench.instructions.form.presetDays', { n: days })}
          </Button>
        ))}
      </div>
    </div>
  );
}
