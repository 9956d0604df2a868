const child_process = require("child_process");

function archiveBranch(branch) {
  // one argument, no callback: runs through /bin/sh all the same
  return child_process.execSync("git archive --format=zip " + branch);
}

function tagRelease(tag) {
  child_process.exec("git tag " + tag);
}

module.exports = { archiveBranch, tagRelease };
