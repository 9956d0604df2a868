import { escapeHtml } from "./html";

export function showGreeting(el, user) {
  el.innerHTML = "<p>Welcome back, <b>" + escapeHtml(user.displayName) + "</b></p>";
  el.title = "Welcome " + user.displayName;
}
