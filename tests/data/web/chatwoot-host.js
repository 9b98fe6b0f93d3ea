// Chatwoot's side of a Dashboard App, for tests/web/test_embed.py, as Chatwoot's own
// DashboardApp/Frame.vue does it: on every load of the app's frame, and whenever the app
// posts "chatwoot-dashboard-app:fetch-info", post the app context to the frame as a JSON
// string {event: "appContext", data: {conversation, contact, currentAgent}}, target "*".
// The page's query string names the app's URL (app=) and the open conversation's id.
"use strict";

(function () {
  const params = new URLSearchParams(location.search);
  const frame = document.getElementById("app");
  const conversation = Number(params.get("conversation"));
  const contact = { id: 77, name: "Jonas Becker", email: "jonas@example.com" };
  window.fetchInfo = 0;

  function appContext() {
    return JSON.stringify({
      event: "appContext",
      data: {
        conversation: {
          id: conversation,
          inbox_id: 2,
          status: "open",
          messages: [{ id: 1, content: "Where is my order?", message_type: 0 }],
          meta: { sender: contact, channel: "Channel::WebWidget" },
        },
        contact: contact,
        currentAgent: { id: 1, name: "Ada", email: "ada@example.com" },
      },
    });
  }

  function send() { frame.contentWindow.postMessage(appContext(), "*"); }

  window.addEventListener("message", (e) => {
    if (typeof e.data !== "string" || e.data !== "chatwoot-dashboard-app:fetch-info") return;
    window.fetchInfo += 1;
    send();
  });
  frame.addEventListener("load", send);
  frame.src = params.get("app");
})();
