const { exec, execFile } = require("child_process");

function notify(message, title) {
  execFile("notify-send", [title, message], () => {});
  exec("notify-send --version", () => {});
}

module.exports = notify;
