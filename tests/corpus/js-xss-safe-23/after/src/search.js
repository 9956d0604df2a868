const params = new URLSearchParams(window.location.search);

export function showQuery() {
  document.getElementById("query").textContent = params.get("q");
}

window.addEventListener("message", (event) => {
  document.getElementById("banner").textContent = event.data.text;
});
