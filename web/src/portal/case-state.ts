import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ValidationIssue } from '../shared/api-types';
import { formIssues } from '../shared/forms/schema';
import { useCase, useCertificates, useSupplementCase, useWithdrawCase } from './case-queries';
import { supplementForm } from './case-supplement';

// The case page's state, the same on desktop and phone: the case, its certificates, 撤回 and 补正.

export const WITHDRAW_REASON = { min: 2, max: 500 };

export function useCasePage(id: string) {
  const { t } = useTranslation();
  const view = useCase(id);
  const data = view.data;
  const certificates = useCertificates(Boolean(data?.certificateIds.length));
  const withdraw = useWithdrawCase(id);
  const supplement = useSupplementCase(id);
  const [supplementIssues, setSupplementIssues] = useState<ValidationIssue[] | null>(null);
  const [nothingGiven, setNothingGiven] = useState(false);

  const supplementModel = useMemo(() => (data?.supplementReason ? supplementForm(data, t) : null), [data, t]);

  const mine = data ? (certificates.data?.items ?? []).filter((c) => data.certificateIds.includes(c.id)) : [];
  return {
    view,
    certificates: { query: certificates, items: mine },
    withdraw,
    /** false when the reason is too short or too long */
    withdrawReasonOk: (reason: string) => reason.trim().length >= WITHDRAW_REASON.min && reason.trim().length <= WITHDRAW_REASON.max,
    supplement: {
      model: supplementModel,
      mutation: supplement,
      issues: supplementIssues,
      nothingGiven,
      submit: (values: Record<string, unknown>, onDone?: () => void) => {
        if (!supplementModel) return;
        const body = supplementModel.body(values);
        setNothingGiven(body === null);
        if (!body) return;
        setSupplementIssues(null);
        supplement.mutate(body, {
          onSuccess: () => onDone?.(),
          onError: (error) => {
            const found = formIssues(error);
            if (found) setSupplementIssues(supplementModel.issues(found));
          },
        });
      },
    },
  };
}
