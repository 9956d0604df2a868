window.addEventListener("message", (event) => {
  document.getElementById("banner").innerHTML = event.data.html;
});
