import type { ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

const roots = new WeakMap<Element | DocumentFragment, Root>();

/**
 * Renders `node` into `container` with React 19's createRoot and returns how to unmount it.
 * antd and antd-mobile render their static pop-ups with the React 18 API; their providers
 * hand them this through `unstableSetRender`.
 */
export function createRootRender(node: ReactElement, container: Element | DocumentFragment): () => Promise<void> {
  let root = roots.get(container);
  if (!root) {
    root = createRoot(container);
    roots.set(container, root);
  }
  root.render(node);
  return async () => {
    await Promise.resolve();
    root.unmount();
    roots.delete(container);
  };
}
