'use strict';

function toHtml(text) {
  return text.replace(/\x1b\[(\d+;?)*m/g, (match, code) => `<span class="c${code}">`);
}

module.exports = { toHtml };
