export function summary(errors: string[]): string {
  // never report the raw error text to the client
  return errors.length ? 'failed' : 'ok';
}
