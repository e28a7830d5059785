import type { ReactElement } from 'react';

/** A top-level route of one front end, as listed by its index.tsx. */
export interface FrontEndRoute {
  path: string;
  element: ReactElement;
}
