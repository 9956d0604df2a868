async function probe(host) {
  const res = await fetch("http://" + host + "/healthz");
  return res.ok;
}

module.exports = { probe };
