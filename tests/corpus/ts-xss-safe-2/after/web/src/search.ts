import { runSearch } from './api';

const results = document.getElementById('results') as HTMLElement;

export async function renderFromHash(): Promise<void> {
  const term = decodeURIComponent(window.location.hash.slice(1));
  const hits = await runSearch(term);
  if (hits.length === 0) {
    results.innerHTML = '<p class="empty">No results for <b></b></p>';
    results.querySelector('b')!.textContent = term;
    return;
  }
  results.replaceChildren(...hits.map((h) => h.element));
}
