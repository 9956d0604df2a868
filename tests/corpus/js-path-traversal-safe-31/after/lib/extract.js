'use strict';
const fs = require('fs');
const path = require('path');
const AdmZip = require('adm-zip');

function extractAll(archive, targetPath) {
  const zip = new AdmZip(archive);
  const root = path.resolve(targetPath) + path.sep;
  zip.getEntries().forEach(function (entry) {
    if (entry.isDirectory) return;
    const target = path.resolve(targetPath, entry.entryName);
    if (!target.startsWith(root)) {
      throw new Error('entry outside the target folder: ' + entry.entryName);
    }
    fs.writeFileSync(target, entry.getData());
  });
}

module.exports = { extractAll };
