"""The agents' and supervisors' web app: server-rendered Jinja templates, one small script
of our own (``static/app.js``) and no build step."""
