function compile(template, opts) {
  let prepended = "var __output = [];\n";
  if (opts.outputFunctionName) {
    prepended += "var " + opts.outputFunctionName + " = __append;\n";
  }
  return new Function("__append", prepended + template);
}

module.exports = compile;
