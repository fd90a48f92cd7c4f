// The planning page, live. The server renders every region (dishes, shopping list, uploads); this script
// only decides *when* to fetch a region's fragment again and swaps it in, so a live page and a reloaded one
// show the same thing. Events come over the WebSocket (DESIGN §5); when it cannot be opened the page polls
// the session's API for its newest event number instead, and keeps trying the socket.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  const page = document.getElementById("session-page");
  if (!page) return;

  const data = page.dataset;
  const messages = document.getElementById("messages");
  const liveStatus = document.getElementById("live-status");
  const MESSAGE_SECONDS = 8;
  const POLL_SECONDS = 4;
  const PING_SECONDS = 25;
  const CONFIRM_SECONDS = 5;
  let lastEventId = Number(data.lastEventId) || 0;

  // -- messages: a polite live region whose entries remove themselves ---------------------------------
  function announce(text, kind) {
    const line = document.createElement("p");
    line.className = "message message-" + (kind || "info");
    line.textContent = text;
    messages.append(line);
    setTimeout(() => line.remove(), MESSAGE_SECONDS * 1000);
  }
  for (const line of messages.querySelectorAll(".message")) {
    setTimeout(() => line.remove(), MESSAGE_SECONDS * 1000);
  }

  // -- regions: fetch a fragment and swap it in; overlapping requests for one region collapse into one --
  const regions = {
    summary: { el: () => document.getElementById("session-summary"), url: data.fragmentSummary },
    dishes: { el: () => document.getElementById("dishes"), url: data.fragmentDishes },
    uploads: { el: () => document.getElementById("uploads-rows"), url: data.fragmentUploads },
    // The shopping list partial is the whole card, so it replaces the card itself.
    shopping: { el: () => document.getElementById("shopping-list"), url: data.fragmentShoppingList, outer: true },
  };
  const running = new Map();

  function refresh(name) {
    const state = running.get(name);
    if (state) {
      state.again = true;
      return state.done;
    }
    const fresh = { again: false };
    fresh.done = (async () => {
      try {
        do {
          fresh.again = false;
          try {
            await load(name);
          } catch (error) {
            // The server is unreachable: the region stays as it is until the next event or poll.
          }
        } while (fresh.again);
      } finally {
        running.delete(name);
      }
    })();
    running.set(name, fresh);
    return fresh.done;
  }

  async function fetchHtml(url) {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } });
    if (response.redirected) return null; // logged out meanwhile: leave the page as it is
    return response.ok ? await response.text() : response.status === 404 ? "" : null;
  }

  function dishStates(root) {
    const states = new Map();
    for (const article of root.querySelectorAll("article.dish")) states.set(article.id, article.dataset.state);
    return states;
  }

  // Fetches are numbered as they start. A dish's article and the whole list are fetched separately, so a
  // slow fetch of the list must not put back an article older than one already shown.
  let fetchCount = 0;

  async function load(name) {
    const seq = ++fetchCount;
    if (name.startsWith("dish-")) {
      const article = document.getElementById(name);
      if (!article) return refresh("dishes");
      const html = await fetchHtml(article.dataset.fragmentUrl);
      if (html === "") return refresh("dishes"); // the dish is gone
      const current = document.getElementById(name);
      if (html === null || !current || Number(current.dataset.seq || 0) > seq) return;
      swap(current, html, true, seq);
      return;
    }
    const region = regions[name];
    const html = await fetchHtml(region.url);
    if (html) swap(region.el(), html, Boolean(region.outer), seq);
  }

  function swap(el, html, outer, seq) {
    const newer = new Map();
    for (const article of outer ? [] : el.querySelectorAll("article.dish")) {
      if (Number(article.dataset.seq || 0) > seq) newer.set(article.id, article);
    }
    const before = dishStates(outer ? el.parentElement : el);
    const focused = el.contains(document.activeElement) ? document.activeElement : null;
    const focusedId = focused ? focused.id : null;
    const focusedArticle = focused && focused.closest("article") ? focused.closest("article").id : null;
    const inDishes = Boolean(focused && focused.closest("#dishes"));
    const parent = outer ? el.parentElement : el;
    const id = el.id;
    if (outer) {
      el.outerHTML = html;
      const fresh = document.getElementById(id);
      if (fresh && fresh.matches("article.dish")) fresh.dataset.seq = String(seq);
    } else {
      el.innerHTML = html;
      for (const article of el.querySelectorAll("article.dish")) {
        if (newer.has(article.id)) article.replaceWith(newer.get(article.id));
        else article.dataset.seq = String(seq);
      }
    }
    // A dish that changed state, or arrived already read (uploaded elsewhere while this page was away).
    for (const [id, state] of dishStates(parent)) {
      if (before.get(id) !== state) announceDish(document.getElementById(id), state);
    }
    if (focused) restoreFocus(focusedId, focusedArticle, inDishes);
  }

  // Keyboard users keep their place: the same control when it is still there, else its dish's heading
  // (a Retry button gives way to Cancel), else the Dishes heading (the dish was removed).
  function restoreFocus(id, articleId, inDishes) {
    const target =
      (id && document.getElementById(id)) ||
      (articleId && document.getElementById(articleId + "-name")) ||
      (inDishes && document.getElementById("dishes-heading"));
    if (target) target.focus();
  }

  function announceDish(article, state) {
    const name = article.dataset.dishName;
    if (state === "ready") {
      const table = article.querySelector("table.ingredients");
      const count = table ? Number(table.dataset.count) : 0;
      announce(`${name}: the recipe is read, ${count} ingredient${count === 1 ? "" : "s"}.`, "success");
    } else if (state === "failed") {
      const reason = article.querySelector(".error");
      announce(`${name}: reading the recipe failed. ${reason ? reason.textContent.trim() : ""}`, "error");
    }
  }

  function dishArticle(name) {
    const wanted = (name || "").toLocaleLowerCase();
    for (const article of document.querySelectorAll("#dishes article.dish")) {
      if (article.dataset.dishName.toLocaleLowerCase() === wanted) return article;
    }
    return null;
  }

  function refreshDish(name) {
    const article = dishArticle(name);
    return refresh(article ? article.id : "dishes");
  }

  function refreshAll() {
    return Promise.all(Object.keys(regions).map(refresh));
  }

  // -- events ------------------------------------------------------------------------------------------
  function handle(event) {
    if (event.type === "session_state") {
      if (event.last_event_id > lastEventId) {
        lastEventId = event.last_event_id;
        refreshAll();
      }
      return;
    }
    if (!event.event_id || event.event_id <= lastEventId) return; // each event acts once
    lastEventId = event.event_id;
    if (event.type === "extraction_started" || event.type === "extraction_progress") {
      refreshDish(event.dish_name);
      refresh("uploads");
    } else if (event.type === "extraction_complete") {
      refreshDish(event.dish_name);
      refresh("uploads");
      refresh("shopping");
    } else if (event.type === "session_updated") {
      if (event.change === "session_edited") {
        refresh("summary");
        refresh("shopping"); // the guest count scales the amounts
      } else if (["dish_added", "dish_removed", "dish_renamed"].includes(event.change)) {
        refresh("dishes");
        refresh("uploads");
        refresh("shopping");
      } else if (event.dish_name) {
        refreshDish(event.dish_name);
        refresh("uploads");
        refresh("shopping");
      } else {
        refreshAll();
      }
    }
  }

  // -- connection: socket with back-off; polling while the socket cannot be opened ----------------------
  const LABELS = {
    connecting: "Connecting…",
    live: "Live",
    reconnecting: "Reconnecting…",
    offline: "Offline – checking every few seconds",
  };
  let socket = null;
  let failures = 0;
  let retryTimer = null;
  let pollTimer = null;
  let pingTimer = null;
  let heardSince = true;

  function setLive(state) {
    liveStatus.dataset.state = state;
    liveStatus.textContent = LABELS[state];
    liveStatus.closest(".live").hidden = false;
  }

  function socketUrl() {
    const scheme = location.protocol === "https:" ? "wss://" : "ws://";
    return scheme + location.host + data.wsPath + "?last_event_id=" + lastEventId;
  }

  function connect() {
    clearTimeout(retryTimer);
    retryTimer = null;
    if (socket) return;
    // "Live" only once the server has answered on this socket: a proxy can accept the upgrade and then
    // pass nothing, and a socket that opens and drops at once is no better than one that never opens.
    let confirmed = false;
    let confirmTimer = null;
    try {
      socket = new WebSocket(socketUrl());
    } catch (error) {
      socket = null;
      goOffline();
      return;
    }
    const current = socket;
    current.onopen = () => {
      current.send(JSON.stringify({ type: "ping" }));
      confirmTimer = setTimeout(() => {
        if (!confirmed) abandon(current, false);
      }, CONFIRM_SECONDS * 1000);
    };
    current.onmessage = (message) => {
      heardSince = true;
      if (!confirmed) {
        confirmed = true;
        clearTimeout(confirmTimer);
        failures = 0;
        setLive("live");
        stopPolling();
        startPing(current);
      }
      let event;
      try {
        event = JSON.parse(message.data);
      } catch (error) {
        return;
      }
      handle(event);
    };
    current.onclose = () => {
      clearTimeout(confirmTimer);
      lost(current, confirmed);
    };
  }

  function abandon(current, wasLive) {
    // A dead connection can take minutes to report its close, so it is given up on here and now.
    current.onclose = null;
    current.close();
    lost(current, wasLive);
  }

  function lost(current, wasLive) {
    if (socket !== current) return;
    socket = null;
    clearInterval(pingTimer);
    if (wasLive) {
      // It was working: try again at once, and say so while it retries.
      setLive("reconnecting");
      retryTimer = setTimeout(connect, 500);
    } else {
      goOffline();
    }
  }

  function goOffline() {
    // The socket could not be opened (a proxy without WebSocket upgrades, the server away): poll meanwhile.
    setLive("offline");
    startPolling();
    failures += 1;
    const delay = Math.min(15000, 1000 * 2 ** Math.min(failures, 4)) * (0.75 + Math.random() / 2);
    retryTimer = setTimeout(connect, delay);
  }

  function startPing(current) {
    // A socket a sleeping laptop or a proxy dropped silently is noticed by its unanswered ping.
    clearInterval(pingTimer);
    pingTimer = setInterval(() => {
      if (!heardSince) {
        abandon(current, true);
        return;
      }
      heardSince = false;
      try {
        current.send(JSON.stringify({ type: "ping" }));
      } catch (error) {
        abandon(current, true);
      }
    }, PING_SECONDS * 1000);
  }

  function startPolling() {
    if (pollTimer) return;
    poll();
    pollTimer = setInterval(poll, POLL_SECONDS * 1000);
  }

  function stopPolling() {
    clearInterval(pollTimer);
    pollTimer = null;
  }

  async function poll() {
    try {
      const response = await fetch(data.sessionUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const session = await response.json();
      if (session.last_event_seq > lastEventId) {
        lastEventId = session.last_event_seq;
        await refreshAll();
      }
    } catch (error) {
      // The server is unreachable too; the next poll tries again.
    }
  }

  function wake() {
    // Back from sleep or back online: try the socket now instead of waiting out the back-off.
    if (!socket) {
      failures = 0;
      connect();
    }
  }
  window.addEventListener("online", wake);
  window.addEventListener("offline", () => {
    // The browser knows the network is gone: say so now rather than at the next unanswered ping.
    if (socket) abandon(socket, true);
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") wake();
  });

  // -- forms --------------------------------------------------------------------------------------------
  function csrfToken(form) {
    const input = (form || document).querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  // Small forms (add, remove, retry, cancel) post in the background; the server answers with a sentence.
  document.addEventListener("submit", async (submit) => {
    const form = submit.target;
    if (!form.matches("form[data-async]")) return;
    submit.preventDefault();
    // A second press while the first is on its way does nothing. The button is not disabled: that would
    // take the keyboard focus away from it.
    if (form.dataset.busy) return;
    form.dataset.busy = "1";
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken(form) },
      });
      const answer = await response.json().catch(() => ({}));
      announce(answer.message || "That did not work. Please try again.", response.ok ? "success" : "error");
      if (response.ok && form.id === "dish-add-form") form.reset();
      if (response.ok) refreshAll();
    } catch (error) {
      announce("The server could not be reached. Check your connection and try again.", "error");
    } finally {
      delete form.dataset.busy;
    }
  });

  // A shopping list card that names its item URL (data-item-url, KEY standing for an item's data-key)
  // saves each tick at once; the event it causes updates the other tabs.
  document.addEventListener("change", async (change) => {
    const box = change.target;
    const card = box.closest("#shopping-list[data-item-url]");
    const item = box.closest("[data-key]");
    if (!card || !item || box.type !== "checkbox") return;
    item.classList.toggle("checked", box.checked);
    const url = card.dataset.itemUrl.replace("KEY", encodeURIComponent(item.dataset.key));
    try {
      const response = await fetch(url, {
        method: "PATCH",
        body: JSON.stringify({ checked: box.checked }),
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrfToken() },
      });
      if (!response.ok) throw new Error(String(response.status));
    } catch (error) {
      box.checked = !box.checked;
      item.classList.toggle("checked", box.checked);
      announce("The tick was not saved. Check your connection and try again.", "error");
    }
  });

  document.addEventListener("click", (click) => {
    if (click.target.closest("[data-print]")) window.print();
  });

  // -- uploads: the form clears at once; each file gets a row that turns into the job's row or an error ----
  const uploadForm = document.getElementById("upload-form");
  const fileInput = document.getElementById("recipe-file");
  const dishInput = document.getElementById("dish-name");
  const queue = document.getElementById("upload-queue");
  const maxBytes = Number(data.maxUploadBytes);

  function queueRow(file, dish) {
    const row = document.createElement("tr");
    row.className = "upload upload-pending client";
    for (const text of [file.name, dish, "Uploading…"]) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.append(cell);
    }
    queue.append(row);
    return row;
  }

  function failRow(row, sentence) {
    row.className = "upload upload-error client";
    const cell = row.lastElementChild;
    cell.textContent = "Not uploaded";
    const detail = document.createElement("span");
    detail.className = "detail";
    detail.textContent = sentence;
    const dismiss = document.createElement("button");
    dismiss.type = "button";
    dismiss.className = "secondary";
    dismiss.textContent = "Dismiss";
    dismiss.addEventListener("click", () => {
      row.remove();
      fileInput.focus();
    });
    cell.append(detail, dismiss);
    announce(sentence, "error");
  }

  function refusal(file, status, answer) {
    const name = `“${file.name}”`;
    // The server's sentence names the allowed kinds from its one allowlist.
    if ((status === 415 || answer.code === "unsupported_type") && !answer.detail) {
      return `${name} was not uploaded: it is not a kind of file we can read.`;
    }
    if (status === 413 || answer.code === "file_too_large") {
      return `${name} was not uploaded: it is larger than the ${maxBytes / 1048576} MiB limit.`;
    }
    if (answer.code === "empty_file") return `${name} was not uploaded: the file is empty.`;
    if (answer.detail) return `${name} was not uploaded. ${answer.detail}`;
    return `${name} was not uploaded: the server answered with an error (${status}). Please try again.`;
  }

  async function send(file, dish) {
    const row = queueRow(file, dish);
    if (file.size > maxBytes) {
      failRow(row, refusal(file, 413, {}));
      return;
    }
    const body = new FormData();
    body.append("file", file);
    const url = data.uploadUrl + "?dish_name=" + encodeURIComponent(dish);
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": csrfToken(uploadForm) },
      });
    } catch (error) {
      failRow(row, `“${file.name}” was not uploaded: the server could not be reached. Check your connection and try again.`);
      return;
    }
    const answer = await response.json().catch(() => ({}));
    if (response.status !== 202) {
      failRow(row, refusal(file, response.status, answer));
      return;
    }
    announce(`Uploaded “${file.name}”. Reading the recipe for ${dish}…`);
    // The job's own row replaces this one; refreshing directly also covers a page that is polling.
    await Promise.all([refresh("uploads"), refreshDish(dish)]);
    row.remove();
  }

  uploadForm.addEventListener("submit", (submit) => {
    submit.preventDefault();
    const dish = dishInput.value.trim();
    const files = Array.from(fileInput.files);
    if (!dish) {
      announce("Choose a dish or type a new one, then upload.", "error");
      dishInput.focus();
      return;
    }
    if (!files.length) {
      announce("Choose a recipe file to upload.", "error");
      fileInput.focus();
      return;
    }
    uploadForm.reset(); // at once: the person can go on while the files travel
    for (const file of files) send(file, dish);
  });

  const dropZone = document.getElementById("drop-zone");
  dropZone.addEventListener("dragover", (drag) => {
    drag.preventDefault();
    dropZone.classList.add("dragging");
  });
  dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dragging"));
  dropZone.addEventListener("drop", (drop) => {
    drop.preventDefault();
    dropZone.classList.remove("dragging");
    if (!drop.dataTransfer || !drop.dataTransfer.files.length) return;
    fileInput.files = drop.dataTransfer.files;
    const count = fileInput.files.length;
    announce(`${count} file${count === 1 ? "" : "s"} ready: choose the dish and press Upload.`);
  });

  setLive("connecting");
  connect();
})();
