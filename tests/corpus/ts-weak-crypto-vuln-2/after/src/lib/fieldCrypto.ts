import crypto from 'crypto';

const KEY = Buffer.from(process.env.FIELD_KEY ?? '', 'hex');

export function encryptField(plain: string): string {
  const cipher = crypto.createCipheriv('aes-256-ecb', KEY, null);
  return Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function decryptField(encoded: string): string {
  const decipher = crypto.createDecipheriv('aes-256-ecb', KEY, null);
  return Buffer.concat([decipher.update(Buffer.from(encoded, 'base64')), decipher.final()]).toString('utf8');
}
