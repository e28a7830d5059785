import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, InputNumber, Modal, Radio, Row, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../../shared/api';
import type { CalendarDay, CalendarDayKind, HolidayCalendar } from '../../shared/api-types';
import { showServerErrors } from '../../shared/desktop/form-errors';
import { ErrorBlock, LoadingBlock } from '../../shared/desktop/states';
import { currentLanguage } from '../../shared/i18n';
import './calendar.css';

type DayChoice = CalendarDayKind | 'ordinary';

interface DayValues {
  kind: DayChoice;
  name?: string;
}

const NAME_MAX = 50;
const calendarKey = (year: number) => ['workflow', 'calendar', year] as const;
const pad = (n: number) => String(n).padStart(2, '0');
const isoDate = (year: number, month: number, day: number) => `${year}-${pad(month + 1)}-${pad(day)}`;
/** 0 = Monday … 6 = Sunday (weeks start on Monday in China) */
const weekdayOf = (year: number, month: number, day: number) => (new Date(Date.UTC(year, month, day)).getUTCDay() + 6) % 7;
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

function todayIso(): string {
  const now = new Date();
  return isoDate(now.getFullYear(), now.getMonth(), now.getDate());
}

/** One month: Monday-first weeks; weekends grey, holidays 休, adjusted working days 班. */
function MonthGrid(props: { year: number; month: number; marked: ReadonlyMap<string, CalendarDay>; onPick: (date: string) => void }) {
  const { t } = useTranslation();
  const { year, month, marked } = props;
  const title = new Intl.DateTimeFormat(currentLanguage(), { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month, 1)));
  const lead = weekdayOf(year, month, 1);
  const today = todayIso();
  const cells: (number | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: daysIn(year, month) }, (_, i) => i + 1)];
  return (
    <div className="zl-cal-month" data-testid={`calendar-month-${month + 1}`}>
      <div className="zl-cal-month-title">{title}</div>
      <div className="zl-cal-grid">
        {t('consoleWorkflow.calendar.weekdays')
          .split(',')
          .map((name, index) => (
            <div key={name} className={`zl-cal-head${index >= 5 ? ' zl-cal-weekend' : ''}`}>
              {name}
            </div>
          ))}
        {cells.map((day, index) => {
          if (day === null) return <div key={`blank-${index}`} />;
          const date = isoDate(year, month, day);
          const mark = marked.get(date);
          const weekend = weekdayOf(year, month, day) >= 5;
          const classes = [
            'zl-cal-day',
            weekend ? 'zl-cal-weekend' : '',
            mark ? `zl-cal-${mark.kind}` : '',
            date === today ? 'zl-cal-today' : '',
          ].filter(Boolean);
          return (
            <button
              key={date}
              type="button"
              className={classes.join(' ')}
              title={mark ? `${date} ${mark.name}` : date}
              onClick={() => props.onPick(date)}
              data-testid={`calendar-day-${date}`}
              data-kind={mark?.kind ?? ''}
            >
              <span className="zl-cal-num">{day}</span>
              {mark ? (
                <span className="zl-cal-badge">
                  {mark.kind === 'holiday' ? t('consoleWorkflow.calendar.holiday') : t('consoleWorkflow.calendar.workday')}
                </span>
              ) : null}
            </button>
          );
        })}
      </div>
    </div>
  );
}

function DayModal({ date, current, onClose }: { date: string | null; current: CalendarDay | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<DayValues>();
  const kind = Form.useWatch('kind', form);

  const save = useMutation({
    mutationFn: async (values: DayValues) => {
      const path = `/workflow/calendar/days/${encodeURIComponent(date ?? '')}`;
      if (values.kind === 'ordinary') {
        if (current) await api.delete(path);
        return;
      }
      await api.put(path, { kind: values.kind, name: (values.name ?? '').trim() });
    },
    onSuccess: (_, values) => {
      void message.success(
        values.kind === 'ordinary' ? t('consoleWorkflow.calendar.cleared', { date }) : t('consoleWorkflow.calendar.saved', { date }),
      );
      if (date) void queryClient.invalidateQueries({ queryKey: calendarKey(Number(date.slice(0, 4))) });
      onClose();
    },
    onError: (error) => void message.error(showServerErrors(form, error, ['kind', 'name'], t) ?? t('errors.fixFields')),
  });

  const title = date
    ? new Intl.DateTimeFormat(currentLanguage(), { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`))
    : '';
  return (
    <Modal
      open={date !== null}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
      width={440}
    >
      <Form<DayValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ kind: current?.kind ?? 'ordinary', name: current?.name ?? '' }}
        onFinish={(values) => save.mutate(values)}
        data-testid="calendar-day-form"
      >
        <Form.Item name="kind" label={t('consoleWorkflow.calendar.kind')}>
          <Radio.Group data-testid="calendar-kind">
            <Space direction="vertical">
              {(['holiday', 'workday', 'ordinary'] as const).map((value) => (
                <Radio key={value} value={value} data-testid={`calendar-kind-${value}`}>
                  {t(`consoleWorkflow.calendar.kinds.${value}`)}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        {kind && kind !== 'ordinary' ? (
          <Form.Item
            name="name"
            label={t('consoleWorkflow.calendar.name')}
            rules={[{ required: true, whitespace: true, message: t('consoleWorkflow.calendar.nameRequired') }]}
          >
            <Input maxLength={NAME_MAX} placeholder={t('consoleWorkflow.calendar.namePlaceholder')} data-testid="calendar-name" />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}

/** 工作日历: the holidays and adjusted working days (调休) that time limits count by. */
export function CalendarPage() {
  const { t } = useTranslation();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const [editing, setEditing] = useState<string | null>(null);
  // A new modal (and form store) for every opening.
  const [editorSeq, setEditorSeq] = useState(0);
  const calendar = useQuery({
    queryKey: calendarKey(year),
    queryFn: ({ signal }) => api.get<HolidayCalendar>('/workflow/calendar', { year }, signal),
  });
  const marked = useMemo(() => new Map((calendar.data?.days ?? []).map((day) => [day.date, day])), [calendar.data]);
  const holidays = calendar.data?.days.filter((day) => day.kind === 'holiday').length ?? 0;
  const workdays = calendar.data?.days.filter((day) => day.kind === 'workday').length ?? 0;

  const pick = (date: string) => {
    setEditorSeq((seq) => seq + 1);
    setEditing(date);
  };

  return (
    <Card
      title={t('consoleWorkflow.nav.calendar')}
      extra={
        <Space>
          <Button
            icon={<LeftOutlined />}
            aria-label={t('consoleWorkflow.calendar.prevYear')}
            onClick={() => setYear(year - 1)}
            data-testid="calendar-prev"
          />
          <InputNumber<number>
            value={year}
            min={2000}
            max={2100}
            precision={0}
            aria-label={t('consoleWorkflow.calendar.year')}
            onChange={(value) => value && value >= 2000 && value <= 2100 && setYear(value)}
            style={{ width: 96 }}
            data-testid="calendar-year"
          />
          <Button
            icon={<RightOutlined />}
            aria-label={t('consoleWorkflow.calendar.nextYear')}
            onClick={() => setYear(year + 1)}
            data-testid="calendar-next"
          />
        </Space>
      }
      data-testid="console-calendar"
    >
      <div className="zl-toolbar zl-cal-legend">
        <span className="zl-cal-key zl-cal-holiday">{t('consoleWorkflow.calendar.holiday')}</span>
        {t('consoleWorkflow.calendar.legendHoliday')}
        <span className="zl-cal-key zl-cal-workday">{t('consoleWorkflow.calendar.workday')}</span>
        {t('consoleWorkflow.calendar.legendWorkday')}
        <span className="zl-cal-key zl-cal-weekend" />
        {t('consoleWorkflow.calendar.legendWeekend')}
        {calendar.data ? (
          <Typography.Text type="secondary" data-testid="calendar-summary">
            · {t('consoleWorkflow.calendar.summary', { holidays, workdays })}
          </Typography.Text>
        ) : null}
      </div>
      <Typography.Paragraph type="secondary">{t('consoleWorkflow.calendar.hint')}</Typography.Paragraph>
      {calendar.isError ? (
        <ErrorBlock error={calendar.error} onRetry={() => void calendar.refetch()} />
      ) : calendar.isPending ? (
        <LoadingBlock />
      ) : (
        <Row gutter={[16, 16]} data-testid="calendar-year-grid" data-year={year}>
          {Array.from({ length: 12 }, (_, month) => (
            <Col key={month} xs={24} md={12} xl={8} xxl={6}>
              <MonthGrid year={year} month={month} marked={marked} onPick={pick} />
            </Col>
          ))}
        </Row>
      )}
      <DayModal key={editorSeq} date={editing} current={editing ? marked.get(editing) : undefined} onClose={() => setEditing(null)} />
    </Card>
  );
}
