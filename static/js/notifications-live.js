// The header's unread notifications count, kept up to date while a page is open.
// Progressive enhancement only: without this file the count is right at every page load.
//
// One socket per page: on forum pages forum-live.js owns it (it marks the page with
// data-live-socket and re-sends each message as a "lwln:live-message" event), so
// this script only listens there. Elsewhere it opens the socket itself; the server
// puts every socket of a signed-in member in their own notifications group.

const badge = document.getElementById("notifications-badge");
const unreadText = document.getElementById("notifications-unread");

function show(unread) {
  badge.textContent = String(unread);
  badge.hidden = unread === 0;
  unreadText.textContent = unread ? `Notifications, ${unread} unread` : "Notifications";
}

function handle(message) {
  if (message && message.type === "notifications" && Number.isInteger(message.unread)) {
    show(Math.max(0, message.unread));
  }
}

function connect(delay = 1000) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/ws/community/`);
  socket.addEventListener("open", () => {
    delay = 1000;
  });
  socket.addEventListener("message", (event) => handle(JSON.parse(event.data)));
  socket.addEventListener("close", (event) => {
    if (event.code >= 4400 && event.code < 4500) return; // refused: signed out or no access
    setTimeout(() => connect(Math.min(delay * 2, 30000)), delay);
  });
}

if (badge && unreadText) {
  document.addEventListener("lwln:live-message", (event) => handle(event.detail));
  // Module scripts all run before DOMContentLoaded, so by then forum-live.js has
  // marked the page if it is on it, whatever order the two load in.
  document.addEventListener("DOMContentLoaded", () => {
    if (!document.documentElement.dataset.liveSocket && "WebSocket" in window) connect();
  });
}
