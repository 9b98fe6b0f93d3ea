// calmline as a Chatwoot Dashboard App. Chatwoot tells an app which conversation is open
// with a message to the app's frame: a JSON string {"event": "appContext", "data":
// {"conversation": {...}, "contact": {...}, "currentAgent": {...}}}, sent when the frame
// loads and whenever the frame posts "chatwoot-dashboard-app:fetch-info" to its parent.
// Only such a message from the parent window, at an origin the policy names
// ([helpdesks.chatwoot] origin), moves this frame to that conversation's sidebar.
"use strict";

(function () {
  const origins = (document.body.dataset.chatwootOrigins || "").split(" ").filter(Boolean);
  if (!origins.length || window.parent === window) return;

  function ask() {
    // addressed to the configured origins only: a parent elsewhere never receives it
    for (const origin of origins) window.parent.postMessage("chatwoot-dashboard-app:fetch-info", origin);
  }

  window.addEventListener("message", (e) => {
    if (e.source !== window.parent || !origins.includes(e.origin) || typeof e.data !== "string") return;
    let context;
    try { context = JSON.parse(e.data); } catch (err) { return; }
    const conversation = context && context.event === "appContext" && context.data && context.data.conversation;
    if (!conversation) return;
    const id = String(conversation.id ?? "");
    if (!/^[0-9]{1,18}$/.test(id)) return;
    const target = "/embed/chatwoot/" + id;
    if (location.pathname !== target) location.replace(target);
  });

  ask();
  // Chatwoot keeps the frame when the agent opens another conversation and says nothing;
  // asking again now and then follows the agent there
  setInterval(() => { if (!document.hidden) ask(); }, 3000);
})();
