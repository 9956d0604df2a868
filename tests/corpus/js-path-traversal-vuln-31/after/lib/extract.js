'use strict';
const fs = require('fs');
const path = require('path');
const AdmZip = require('adm-zip');

function extractAll(archive, targetPath) {
  const zip = new AdmZip(archive);
  zip.getEntries().forEach(function (entry) {
    if (entry.isDirectory) return;
    const target = path.resolve(targetPath, entry.entryName);
    fs.writeFileSync(target, entry.getData());
  });
}

module.exports = { extractAll };
