// Live forums: new posts appear on an open thread, new threads on an open category,
// without reloading. Progressive enhancement only: without this file everything
// still works through ordinary form posts and page loads.
// Delivery over the socket is at most once, so on every (re)connect a thread page
// asks for the posts after the last one it shows, and skips any it already has.

// On forum pages this script owns the page's one live socket (or decides there is
// none): notifications-live.js sees this mark and, instead of opening a second
// socket, listens for the "lwln:live-message" events this script re-sends.
document.documentElement.dataset.liveSocket = "forum-live";

const posts = document.getElementById("posts");
const newThreads = document.getElementById("new-threads");
const onLastPage = !document.querySelector(".nhsuk-pagination-item--next");

function announce(text) {
  const status = document.getElementById("live-status");
  if (status) status.textContent = text;
}

function lastPostId() {
  const ids = [...posts.querySelectorAll("li[id^='post-']")].map((li) => Number(li.id.slice(5)));
  return ids.length ? Math.max(...ids) : 0;
}

function showPost(post) {
  if (document.getElementById(`post-${post.post}`)) return; // already on the page
  const item = document.createElement("li");
  item.className = "nhsuk-card";
  item.id = `post-${post.post}`;
  const content = document.createElement("div");
  content.className = "nhsuk-card__content";
  const byline = document.createElement("p");
  byline.className = "nhsuk-body-s nhsuk-u-margin-bottom-2";
  const author = document.createElement("strong");
  author.textContent = post.author;
  byline.append(author, " ", new Date(post.created_at).toLocaleString("en-GB"));
  const body = document.createElement("div");
  body.className = "lwln-post-body";
  body.innerHTML = post.html; // sanitised on the server when the post was saved
  content.append(byline, body);
  item.append(content);
  posts.append(item);
  announce(`New post from ${post.author}`);
}

function showThread(thread) {
  if (document.getElementById(`new-thread-${thread.thread}`)) return;
  const line = document.createElement("p");
  line.className = "nhsuk-body";
  line.id = `new-thread-${thread.thread}`;
  const label = document.createElement("strong");
  label.textContent = "New thread: ";
  const link = document.createElement("a");
  link.href = `/community/t/${thread.thread}/`;
  link.textContent = thread.title;
  line.append(label, link, ` from ${thread.author}`);
  newThreads.append(line);
}

function connect(onOpen, onMessage, delay = 1000) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}/ws/community/`);
  socket.addEventListener("open", () => {
    delay = 1000;
    onOpen(socket);
  });
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(event.data);
    onMessage(message);
    document.dispatchEvent(new CustomEvent("lwln:live-message", { detail: message }));
  });
  socket.addEventListener("close", (event) => {
    if (event.code >= 4400 && event.code < 4500) return; // refused: signed out or no access
    setTimeout(() => connect(onOpen, onMessage, Math.min(delay * 2, 30000)), delay);
  });
}

if ("WebSocket" in window && posts && onLastPage) {
  const thread = Number(posts.dataset.thread);
  connect(
    (socket) => {
      socket.send(JSON.stringify({ type: "follow", group: posts.dataset.group }));
      socket.send(JSON.stringify({ type: "backfill", thread, after: lastPostId() }));
    },
    (message) => {
      if (message.type === "post" && message.thread === thread) showPost(message);
      if (message.type === "post_edited" && message.thread === thread) {
        const body = document.querySelector(`#post-${message.post} .lwln-post-body`);
        if (body) body.innerHTML = message.html; // sanitised on the server
      }
      if (message.type === "backfill" && message.thread === thread) message.posts.forEach(showPost);
    },
  );
} else if ("WebSocket" in window && newThreads) {
  // The region's "forums" group is joined on connect: nothing to follow.
  connect(
    () => {},
    (message) => {
      if (message.type === "thread" && message.category === newThreads.dataset.category) {
        showThread(message);
      }
    },
  );
}
