const fs = require("fs");
const path = require("path");

function extractAll(zip, target) {
  for (const entry of zip.getEntries()) {
    const out = path.join(target, entry.entryName);
    fs.writeFileSync(out, entry.getData());
  }
}

module.exports = extractAll;
