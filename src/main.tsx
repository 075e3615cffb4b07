import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './app/app.css';
import { installTestHook } from './app/testHook';

installTestHook();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root, {
  // An error an ErrorBoundary caught is shown on screen; React's default
  // would also log it as a console error.
  onCaughtError: (error) => console.warn('Caught while rendering:', error),
}).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
