var Writer = require('fstream').Writer;
var path = require('path');

module.exports = function unpack(parser, dest) {
  parser.on('entry', function (entry) {
    if (entry.type === 'Directory') return;
    var target = path.join(dest, entry.path);
    if (target.indexOf(dest) != 0) {
      return;
    }
    entry.pipe(Writer({
      path: target
    }));
  });
};
