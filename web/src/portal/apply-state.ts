import { useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { isApiError, NETWORK_ERROR } from '../shared/api';
import type { ValidationIssue } from '../shared/api-types';
import { collectValues, describeForm, formFields, formIssues, placeIssues, type FormField } from '../shared/forms/schema';
import { useIdempotencyKey } from '../shared/use-idempotency-key';
import { portalPaths, type PortalBase } from './case-format';
import {
  useApplicationForm,
  useApply,
  useBundle,
  useCase,
  type ApplicationForm,
  type ApplyBody,
  type ApplyTarget,
  type ExemptMaterial,
  type PrefillSource,
} from './case-queries';

// The apply page's state, the same on desktop and phone: 授权同意, the prefilled form, and the
// submission with one Idempotency-Key for the filled form (a retry after a lost answer reuses it,
// so the server answers once and makes no second case).

/** A question of the application form, with where shared data got its answer. */
export interface ApplyField {
  field: FormField;
  /** the verified identity: shown, not changed (the server fills it in) */
  readOnly: boolean;
  source?: PrefillSource;
}

export interface ApplyFormModel {
  /** the questions to answer (and the identity shown) */
  info: ApplyField[];
  /** the materials still to upload */
  uploads: ApplyField[];
  /** the values to start from */
  initial: Record<string, unknown>;
  /** the answers to send: every field the applicant may change, nothing else */
  collect: (raw: unknown) => Record<string, unknown>;
  /** the server's issues on the fields they name (keys), the rest as lines */
  place: (issues: readonly ValidationIssue[]) => { byField: Map<string, string[]>; other: string[] };
}

const isUpload = (field: FormField) => field.control === 'attachment' || field.control === 'attachments';
const isReadOnly = (field: FormField) => (field.schema as { readOnly?: boolean }).readOnly === true;

/** The form as the page draws it; `earlier` (a refused case's answers) is laid over the prefill. */
export function applyFormModel(form: ApplicationForm, earlier?: Record<string, unknown>): ApplyFormModel {
  const nodes = describeForm(form.schema);
  const sources = new Map(form.prefilled.map((p) => [p.field, p]));
  const fields = formFields(nodes).map((field) => ({ field, readOnly: isReadOnly(field), source: sources.get(field.key) }));
  const editable = nodes.filter((node) => node.kind === 'field' && !isReadOnly(node));
  return {
    info: fields.filter((f) => !isUpload(f.field)),
    uploads: fields.filter((f) => isUpload(f.field)),
    initial: { ...form.values, ...earlier },
    collect: (raw) => collectValues(editable, raw),
    place: (issues) => placeIssues(nodes, issues),
  };
}

/** The form's props, the same for ApplyForm (desktop) and MobileApplyForm. */
export interface ApplyFormProps {
  model: ApplyFormModel;
  exempt: readonly ExemptMaterial[];
  /** the server's `workflow.form_invalid` issues, put on their fields */
  issues: readonly ValidationIssue[] | null;
  submitting: boolean;
  onSubmit: (answers: Record<string, unknown>) => void;
  /** shown above the submit button: why the last submission failed */
  notice?: ReactNode;
}

/** Why the last submission failed, as the page answers it. */
export type ApplyFailure =
  /** the form's issues, shown on the fields */
  | { kind: 'invalid'; issues: ValidationIssue[] }
  /** no answer, or the server failed: send the same again (same key) */
  | { kind: 'retry'; error: unknown }
  /** the key was used for another submission that went through: look in 我的办件 */
  | { kind: 'maybeSubmitted'; error: unknown }
  | { kind: 'other'; error: unknown };

function failureOf(error: unknown): ApplyFailure {
  const issues = formIssues(error);
  if (issues) return { kind: 'invalid', issues };
  // no answer, the server failed, or the first try is still being handled: the same again gets its answer
  if (!isApiError(error) || error.code === NETWORK_ERROR || error.status === 0 || error.status >= 500) return { kind: 'retry', error };
  if (error.code === 'idempotency.in_progress') return { kind: 'retry', error };
  if (error.code === 'idempotency.key_reused') return { kind: 'maybeSubmitted', error };
  return { kind: 'other', error };
}

function targetBody(target: ApplyTarget): Pick<ApplyBody, 'serviceCode' | 'bundleCode' | 'resubmitOf'> {
  if (target.kind === 'bundle') return { bundleCode: target.code };
  return target.resubmitOf ? { resubmitOf: target.resubmitOf } : { serviceCode: target.code };
}

/** Answers of a refused case worth starting from again: not its attachments (they belong to that case). */
function earlierAnswers(answers: { key: string; value: unknown; attachment: boolean }[] | undefined) {
  return answers ? Object.fromEntries(answers.filter((a) => !a.attachment).map((a) => [a.key, a.value])) : undefined;
}

export function useApplyPage(target: ApplyTarget, base: PortalBase) {
  const navigate = useNavigate();
  const resubmitOf = target.kind === 'service' ? target.resubmitOf : undefined;
  const [consent, setConsent] = useState(false);
  // Before consent the form names what it would read; shared data is read once consent is given.
  const preview = useApplicationForm(target, false);
  const filled = useApplicationForm(target, true, consent);
  const form = consent ? filled : preview;
  const bundle = useBundle(target.code, target.kind === 'bundle');
  const earlier = useCase(resubmitOf);
  const { key } = useIdempotencyKey();
  const apply = useApply();
  const last = useRef<ApplyBody | null>(null);
  const [failure, setFailure] = useState<ApplyFailure | null>(null);

  const ready = form.isSuccess && (!resubmitOf || earlier.isSuccess);
  const earlierData = earlier.data;
  const model = useMemo(
    () => (form.data && ready ? applyFormModel(form.data, earlierAnswers(earlierData?.answers)) : null),
    [form.data, ready, earlierData],
  );

  // a second tap before the first answer sends nothing
  const inFlight = useRef(false);
  const send = (body: ApplyBody) => {
    if (inFlight.current) return;
    inFlight.current = true;
    last.current = body;
    setFailure(null);
    apply.mutate(
      { body, key },
      {
        onSettled: () => {
          inFlight.current = false;
        },
        onSuccess: (answer) =>
          navigate(target.kind === 'bundle' ? portalPaths.bundleApplication(base, answer.id) : portalPaths.case(base, answer.id), {
            replace: true,
          }),
        onError: (error) => setFailure(failureOf(error)),
      },
    );
  };

  const name = target.kind === 'bundle' ? bundle.data?.name : form.data?.parts[0]?.name;
  return {
    form,
    /** a refused case applied for again */
    earlier: resubmitOf ? earlier : null,
    model,
    name,
    consent,
    setConsent,
    /** 1 授权同意, 2 填写申请, 3 提交 */
    step: apply.isPending ? 2 : consent ? 1 : 0,
    submitting: apply.isPending,
    failure,
    submit: (answers: Record<string, unknown>) => send({ ...targetBody(target), consent, form: answers }),
    /** the same submission again, with the same Idempotency-Key */
    retry: () => {
      if (last.current) send(last.current);
    },
  };
}
