function isUnsafeKey(key) {
  return key === "__proto__" || key === "constructor" || key === "prototype";
}

function setPath(target, path, value) {
  const keys = path.split(".");
  let node = target;
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i];
    if (isUnsafeKey(key)) return target;
    if (typeof node[key] !== "object" || node[key] === null) node[key] = {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
  return target;
}

module.exports = setPath;
