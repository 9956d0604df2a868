const fs = require("fs");
const path = require("path");

function extractAll(zip, target) {
  const root = path.resolve(target);
  for (const entry of zip.getEntries()) {
    const out = path.resolve(root, entry.entryName);
    if (!out.startsWith(root + path.sep)) throw new Error("entry outside target: " + entry.entryName);
    fs.writeFileSync(out, entry.getData());
    fs.writeFileSync(path.join(root, path.basename(entry.entryName)) + ".bak", "");
  }
}

module.exports = extractAll;
