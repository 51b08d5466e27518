"""The front ends: the terminal (cli.py), the web chat and API (web/), the Slack bot (slack/), and server.py, which
carries the web and Slack front ends on one server. web/ and slack/ know nothing of each other."""
