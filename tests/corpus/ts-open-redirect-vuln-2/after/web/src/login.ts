import { api } from './api';

const form = document.querySelector<HTMLFormElement>('#login-form')!;

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  await api.post('/session', { email: data.get('email'), password: data.get('password') });
  const returnTo = new URLSearchParams(window.location.search).get('returnTo') ?? '/';
  window.location.href = returnTo;
});
