var Writer = require('fstream').Writer;
var path = require('path');

module.exports = function unpack(parser, dest) {
  parser.on('entry', function (entry) {
    if (entry.type === 'Directory') return;
    entry.pipe(Writer({
      path: path.join(dest, entry.path)
    }));
  });
};
