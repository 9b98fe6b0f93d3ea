// calmline web app: live countdowns, the composer's live review, suggestions, "draft for me".
// Our own script, no libraries. Customer and draft text is only ever set as textContent.
"use strict";

(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
  // the sidebar opened by a signed link: the link's token authorises its script requests
  const embedToken = document.querySelector('meta[name="calmline-embed"]')?.content || "";
  const embedded = document.body.classList.contains("embed");

  async function post(url, body) {
    const headers = { "Content-Type": "application/json" };
    if (embedToken) headers["X-Calmline-Embed"] = embedToken;
    else headers["X-CSRF-Token"] = csrf;
    const res = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(body || {}),
      credentials: "same-origin",
    });
    if (res.status === 401) {
      // in a helpdesk's sidebar, keep the agent's text: reloading the panel signs in again
      if (embedded) throw new Error("signed out or the link expired; reload this panel");
      window.location.assign("/login?next=" + encodeURIComponent(location.pathname));
    }
    const data = await res.json().catch(() => ({}));
    if (!res.ok) {
      const d = (data.detail && data.detail[0]) || {};
      throw new Error((d.field ? d.field + ": " : "") + (d.message || res.statusText));
    }
    return data;
  }

  function el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // --- "Go back" on error pages --------------------------------------------------------
  for (const a of document.querySelectorAll("a[data-back]")) {
    a.addEventListener("click", (e) => { if (history.length > 1) { e.preventDefault(); history.back(); } });
  }

  // --- response-time countdowns in the inbox ------------------------------------------
  const started = Date.now();
  function fmt(seconds) {
    const s = Math.abs(Math.round(seconds));
    if (s < 60) return s + " s";
    const m = Math.floor(s / 60);
    if (m < 60) return m + " min";
    const h = Math.floor(m / 60), r = m % 60;
    if (h < 24) return r ? h + " h " + r + " min" : h + " h";
    return Math.floor(h / 24) + " d" + (h % 24 ? " " + (h % 24) + " h" : "");
  }
  function tick() {
    const passed = (Date.now() - started) / 1000;
    for (const node of document.querySelectorAll("[data-due-in]")) {
      const left = Number(node.dataset.dueIn) - passed;
      node.textContent = left < 0 ? "overdue " + fmt(left) : "reply within " + fmt(left);
      node.classList.toggle("overdue", left < 0);
    }
  }
  if (document.querySelector("[data-due-in]")) setInterval(tick, 15000);

  // --- the composer ---------------------------------------------------------------------
  const composer = document.getElementById("composer");
  if (!composer) return;
  const caseId = composer.dataset.case;
  const reviewUrl = composer.dataset.review || "/app/cases/" + caseId + "/review";
  const draftUrl = composer.dataset.draft || "/app/cases/" + caseId + "/draft";
  const box = document.getElementById("reply");
  const summary = document.getElementById("review-summary");
  const preview = document.getElementById("review-preview");
  const list = document.getElementById("review-findings");
  let seq = 0, timer = null;

  function insertAtCursor(text) {
    const start = box.selectionStart ?? box.value.length, end = box.selectionEnd ?? start;
    const before = box.value.slice(0, start), after = box.value.slice(end);
    const pad = before && !/\s$/.test(before) ? " " : "";
    const padAfter = after && !/^\s/.test(after) ? " " : "";
    box.value = before + pad + text + padAfter + after;
    const caret = (before + pad + text).length;
    box.focus();
    box.setSelectionRange(caret, caret);
    schedule(0);
  }


  const undoStack = [];
  const undoButton = el("button", { type: "button", class: "undo", hidden: "" }, "Undo last fix");
  list.before(undoButton);
  undoButton.addEventListener("click", () => {
    if (!undoStack.length) return;
    box.value = undoStack.pop();
    undoButton.hidden = undoStack.length === 0;
    box.focus();
    schedule(0);
  });

  const LABELS = {
    replace: "Replace the word with: ",
    replace_sentence: "Replace the whole sentence with: ",
    insert: "Insert: ",
    shorten: "Shorten to your own most important sentences",
    replace_all: "Replace your whole reply with a drafted one",
  };
  function fixLabel(f) {
    const label = LABELS[f.fix.action] || "Apply: ";
    return label.endsWith(": ") ? label + f.fix.text : label;
  }

  // the agent sees the result before accepting it; the text must still be what was reviewed
  function proposeFix(item, reviewed, fix) {
    item.querySelector(".fix-preview")?.remove();
    if (box.value !== reviewed) { schedule(0); return; }
    const result = reviewed.slice(0, fix.start) + fix.text + reviewed.slice(fix.end);
    const box2 = el("div", { class: "fix-preview" });
    box2.append(el("div", { class: "muted" }, "Your reply after this fix:"));
    box2.append(el("pre", { class: "fix-result" }, result));
    const apply = el("button", { type: "button", class: "apply" }, "Apply");
    const cancel = el("button", { type: "button", class: "cancel" }, "Cancel");
    apply.addEventListener("click", () => {
      if (box.value !== reviewed) { box2.remove(); schedule(0); return; }
      undoStack.push(box.value);
      undoButton.hidden = false;
      box.value = result;
      box.focus();
      schedule(0);
    });
    cancel.addEventListener("click", () => box2.remove());
    box2.append(apply, cancel);
    item.append(box2);
  }

  function renderPreview(text, findings) {
    preview.replaceChildren();
    const spans = findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start);
    let pos = 0;
    for (const f of spans) {
      if (f.start < pos) continue;
      if (f.start > pos) preview.append(document.createTextNode(text.slice(pos, f.start)));
      const mark = el("mark", { class: "hl hl-flaw-" + f.severity, tabindex: "0", "data-code": f.code }, text.slice(f.start, f.end));
      mark.append(el("span", { class: "tip", role: "tooltip" }, f.message));
      preview.append(mark);
      pos = f.end;
    }
    preview.append(document.createTextNode(text.slice(pos)));
    preview.hidden = spans.length === 0;
  }

  function render(text, review) {
    const findings = review.findings || [];
    list.replaceChildren();
    if (!text.trim()) {
      summary.textContent = "The reviewer reads your draft as you type.";
      preview.hidden = true;
      return;
    }
    const blocking = findings.filter((f) => f.severity === "block").length;
    summary.replaceChildren(
      el("span", { class: "score" }, "Score " + review.score + "/100"),
      document.createTextNode(
        findings.length === 0 ? " · no problems found — ready to send."
          : " · " + findings.length + " finding" + (findings.length > 1 ? "s" : "") +
            (blocking ? ", " + blocking + " to fix before sending" : "") +
            ((review.unavailable || []).includes("spelling")
              ? " · spelling not checked (no dictionary installed on the server)" : "")));
    renderPreview(text, findings);
    for (const f of findings) {
      const item = el("li", { class: "finding " + f.severity, "data-code": f.code });
      item.append(el("strong", {}, f.code.replace(/_/g, " ")));
      if (f.text) { item.append(document.createTextNode(" — ")); item.append(el("q", {}, f.text)); }
      item.append(el("div", {}, f.message));
      if (f.fix) {
        const button = el("button", { type: "button", class: "suggest" }, fixLabel(f));
        button.addEventListener("click", () => proposeFix(item, text, f.fix));
        item.append(button);
      } else if (f.replacement) {
        item.append(el("div", { class: "muted" }, "Suggestion: " + f.replacement));
      }
      list.append(item);
    }
  }

  async function runReview() {
    const text = box.value;
    const mine = ++seq;
    try {
      const review = await post(reviewUrl, { draft: text });
      if (mine === seq) render(text, review);
    } catch (err) {
      if (mine === seq) summary.textContent = "Review unavailable: " + err.message;
    }
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(runReview, delay === undefined ? 350 : delay);
  }

  box.addEventListener("input", () => schedule());

  // the phone's "Reply" bar: one tap shows the composer with the cursor in the reply box
  // (without script the link still jumps to the composer)
  document.getElementById("reply-jump")?.addEventListener("click", (e) => {
    e.preventDefault();
    composer.scrollIntoView({ block: "start" });
    box.focus({ preventScroll: true });
  });
  for (const button of document.querySelectorAll("button.insert")) {
    button.addEventListener("click", () => insertAtCursor(button.dataset.text));
  }

  const draftButton = document.getElementById("draft-button");
  draftButton?.addEventListener("click", async () => {
    if (box.value.trim() && !window.confirm("Replace your text with a drafted reply?")) return;
    draftButton.disabled = true;
    try {
      const draft = await post(draftUrl, {});
      box.value = draft.text;
      box.focus();
      schedule(0);
    } catch (err) {
      summary.textContent = "Drafting failed: " + err.message;
    } finally {
      draftButton.disabled = false;
    }
  });

  // "Copy": the sidebar sends nothing itself; the agent pastes the reply into the helpdesk.
  // A helpdesk's frame may not delegate clipboard-write, so copying the selection is the
  // fallback.
  const copyButton = document.getElementById("copy-button");
  const copyStatus = document.getElementById("copy-status");
  copyButton?.addEventListener("click", async () => {
    if (!box.value.trim()) { copyStatus.textContent = "Nothing to copy yet."; return; }
    let copied = false;
    try {
      await navigator.clipboard.writeText(box.value);
      copied = true;
    } catch (err) {
      box.focus();
      box.select();
      copied = document.execCommand("copy");
    }
    copyStatus.textContent = copied ? "Copied." : "Press Ctrl+C to copy the selected reply.";
  });
  box.addEventListener("input", () => { if (copyStatus) copyStatus.textContent = ""; });

  document.getElementById("reply-form")?.addEventListener("submit", (e) => {
    if (!box.value.trim()) { e.preventDefault(); summary.textContent = "Write a reply before sending."; box.focus(); }
  });
})();
