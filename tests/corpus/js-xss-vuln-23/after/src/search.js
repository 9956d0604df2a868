const params = new URLSearchParams(window.location.search);

export function showQuery() {
  document.getElementById("query").innerHTML = params.get("q");
}
