"""The Slack front end: Bolt listeners that turn Slack requests into `Assistant.ask` and answers into
Block Kit, over Socket Mode (`run.py`) or HTTP (`http.py`, mounted on the web app)."""
