import { showPanel } from './ui.js';

window.showPanel = showPanel;

document.addEventListener('DOMContentLoaded', () => {
  const params = new URLSearchParams(window.location.search);
  const panel = params.get('panel') || 'overview';
  setTimeout('showPanel("' + panel + '")', 0);
});
