// Simplified Chinese — the default language, one file per front end (zh-CN/): the shared
// texts ship with the first page, a front end's own load with it (B7). `en.ts` has this shape.
import type { texts as catalog } from './zh-CN/catalog';
import type { texts as consoleTexts } from './zh-CN/console';
import type { texts as core } from './zh-CN/core';
import type { texts as openData } from './zh-CN/open-data';
import type { texts as portal } from './zh-CN/portal';
import type { texts as workbench } from './zh-CN/workbench';

export type Texts = typeof core & typeof portal & typeof workbench & typeof consoleTexts & typeof catalog & typeof openData;

/** A front end's own Chinese texts, fetched with its code. */
export const textGroups = {
  portal: () => import('./zh-CN/portal'),
  workbench: () => import('./zh-CN/workbench'),
  console: () => import('./zh-CN/console'),
  catalog: () => import('./zh-CN/catalog'),
  openData: () => import('./zh-CN/open-data'),
};

export type TextGroup = keyof typeof textGroups;
