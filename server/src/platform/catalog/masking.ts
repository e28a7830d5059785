import type { Field } from './catalog.schemas.ts';
import { maskName, maskPhone, maskResidentId } from '../identity/index.ts';

/**
 * What a consumer sees of a field: L1 and L2 as they are; L3 and L4 masked by what the value is —
 * `3301**********1234`, `138****5678`, `张*` — and anything else that sensitive withheld.
 */
export function maskValue(field: Field, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (field.grade === 'L1' || field.grade === 'L2') return value;
  if (typeof value !== 'string') return '***';
  switch (field.type) {
    case 'id_number':
    case 'credit_code':
      return maskResidentId(value);
    case 'phone':
      return maskPhone(value);
    case 'string':
      return maskName(value);
    default:
      return '***';
  }
}
