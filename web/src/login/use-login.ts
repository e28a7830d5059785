import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../shared/auth';
import { errorMessage } from '../shared/errors';
import { homePath, nextForDevice, safeNextPath } from '../shared/paths';

/** Who is signing in: all three post the same endpoint, they differ in what the username is. */
export type LoginKind = 'citizen' | 'enterprise' | 'staff';
export const LOGIN_KINDS: readonly LoginKind[] = ['citizen', 'enterprise', 'staff'];

/** The login flow of both login pages: `?interaction=<uid>` (OIDC) and `?next=<path>`. */
export function useLoginFlow(mobile: boolean) {
  const { t } = useTranslation();
  const auth = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const interaction = params.get('interaction');
  const requested = safeNextPath(params.get('next'));
  const next = requested ? nextForDevice(requested, mobile) : null;
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const submit = async (username: string, password: string) => {
    setSubmitting(true);
    setError(null);
    try {
      const me = await auth.login(username.trim(), password);
      if (interaction) {
        // Back to the OIDC provider, which finishes the interaction and returns to the app.
        window.location.assign(`/oidc/interaction/${encodeURIComponent(interaction)}`);
        return;
      }
      navigate(next ?? homePath(me, mobile), { replace: true });
    } catch (cause) {
      setError(errorMessage(cause, t));
    } finally {
      setSubmitting(false);
    }
  };

  // Already signed in (and not asked by an OIDC client to sign in): go on.
  const redirectTo = auth.me && !interaction ? (next ?? homePath(auth.me, mobile)) : null;
  const initialKind: LoginKind = next && /^\/(m\/)?(workbench|console)/.test(next) ? 'staff' : 'citizen';

  const signedOutNotice = auth.signedOut === 'everywhere' ? t('auth.loggedOutAll') : auth.signedOut === 'here' ? t('auth.loggedOut') : null;

  return {
    submit,
    error,
    clearError: () => setError(null),
    submitting,
    interaction,
    redirectTo,
    initialKind,
    signedOutNotice,
    status: auth.status,
  };
}
