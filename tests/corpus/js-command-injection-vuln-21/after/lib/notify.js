const { exec } = require("child_process");

function notify(message, title) {
  const cmd = "notify-send " + JSON.stringify(title) + " " + JSON.stringify(message);
  exec(cmd, () => {});
}

module.exports = notify;
