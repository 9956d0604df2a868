import { randomBytes, randomUUID } from 'crypto';

export function generateResetToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newRequestId(): string {
  return randomUUID();
}

export function backoffDelay(attempt: number): number {
  const jitter = Math.random() * 250;
  return Math.min(30000, 2 ** attempt * 100) + jitter;
}

export const toastElementId = () => `toast-${Math.random().toString(36).slice(2)}`;
