import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { initI18n } from './shared/i18n';
import { redirectNarrowScreenOnce } from './shared/paths';
import { applyElderMode, readStoredElderMode } from './shared/preferences';
import './shared/styles.css';

applyElderMode(readStoredElderMode());
redirectNarrowScreenOnce();

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from index.html');
void initI18n().then(() =>
  createRoot(container).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
