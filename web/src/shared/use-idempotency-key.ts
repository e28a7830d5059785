import { useCallback, useState } from 'react';
import { newIdempotencyKey } from './api';

/**
 * One Idempotency-Key per submission: a double click or a retry after a lost answer reuses
 * it (the server answers once); `renew` after a success, so the next submission is new.
 */
export function useIdempotencyKey(): { key: string; renew: () => void } {
  const [key, setKey] = useState(newIdempotencyKey);
  const renew = useCallback(() => setKey(newIdempotencyKey()), []);
  return { key, renew };
}
