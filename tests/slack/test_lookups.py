"""HR look-ups through /hms (issue 14): the answer the web gets for the same question, as blocks. Active once
the answer contract (Answer.contents, LawCitation.punktum) lands; the rendering itself is tested on hand-made
Answers in test_layout.py."""

from __future__ import annotations

import pytest

from assistant.service import Assistant
from assistant.types import Answer, LawCitation
from evals.testing.fake_slack import all_text
from evals.testing.slack_payloads import slash_command
from tests.slack.conftest import SlackHarness
from tests.slack.test_http_mode import channel_id

pytestmark = pytest.mark.integration


LANDED = {"contents", "short_answer"} <= set(Answer.model_fields) and "punktum" in LawCitation.model_fields


@pytest.mark.skipif(
    not LANDED, reason="the answer contract (Answer.contents, LawCitation.punktum) is not on main yet"
)
@pytest.mark.parametrize("command", ["§ 10-6 femte ledd andre punktum", "aml kap. 3"])
def test_hr_look_ups_give_the_web_answer_as_blocks(
    real_slack: SlackHarness, real_assistant: Assistant, command: str
):
    """The answer the web gets for the same question (issue 14): a punktum named in the sources, a chapter's
    §§ as links."""
    expected = real_assistant.ask(command)
    url = real_slack.fake.response_url()
    real_slack.app.command(slash_command(command, channel=channel_id(), response_url=url))
    (reply,) = real_slack.fake.wait_for("response_url", url=url)
    text = " ".join(all_text(reply.params["blocks"]))
    contents = getattr(expected, "contents", None)
    if contents:
        sections = contents["sections"] if isinstance(contents, dict) else contents.sections
        for entry in sections:
            number = entry["section"] if isinstance(entry, dict) else entry.section
            assert f"|§ {number}>" in text
    for citation in expected.citations:
        if isinstance(citation, LawCitation) and getattr(citation, "punktum", None) == 2:
            assert "andre punktum" in text
    assert expected.citations or contents
