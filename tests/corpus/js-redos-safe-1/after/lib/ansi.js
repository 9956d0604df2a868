'use strict';

function toHtml(text) {
  const parts = text.split(',').map((p) => p.trim());
  return text.replace(/\x1b\[(\d+)m/g, (match, code) => `<span class="c${code}">`) + parts.length;
}

module.exports = { toHtml };
