export function showGreeting(el, user) {
  el.innerHTML = "<p>Welcome back, <b>" + user.displayName + "</b></p>";
}
