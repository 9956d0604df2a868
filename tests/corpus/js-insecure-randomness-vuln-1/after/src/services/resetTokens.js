const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

function generateResetToken(length = 32) {
  let out = '';
  for (let i = 0; i < length; i++) {
    out += ALPHABET[Math.floor(Math.random() * ALPHABET.length)];
  }
  return out;
}

async function startReset(user, mailer) {
  user.resetToken = generateResetToken();
  user.resetExpires = Date.now() + 3600 * 1000;
  await user.save();
  await mailer.sendReset(user.email, user.resetToken);
}

module.exports = { startReset };
