const crypto = require('crypto');

function etag(body) {
  return '"' + crypto.createHash('md5').update(body).digest('base64') + '"';
}

function encrypt(key, plain) {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { iv, data, tag: cipher.getAuthTag() };
}

module.exports = { etag, encrypt };
