const API = "https://status.example.com";

async function probe(id) {
  const res = await fetch(API + "/checks/" + encodeURIComponent(id));
  return res.ok;
}

module.exports = { probe };
