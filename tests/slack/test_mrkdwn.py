"""The one converter to Slack mrkdwn: escaping, Markdown conversion, links, splitting, and reading Slack
message text back into a plain question."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bots.slack.mrkdwn import ZWSP, escape, from_slack, link, split_mrkdwn, to_mrkdwn

# Every "<" in our output opens a link we made: <http(s)://target|label>, with no markup inside.
OUR_LINK = re.compile(r"<https?://[^\s<>|]+\|[^<>]*>")


def only_our_links(text: str) -> bool:
    rest = re.sub(r"(?m)^> ", "", OUR_LINK.sub("", text))  # "> " opening a line is our quote marker
    return "<" not in rest and ">" not in rest


def test_escape_defuses_pings_and_markup():
    assert escape("<!channel> <!here> <@U123> & <http://x|y>") == (
        "&lt;!channel&gt; &lt;!here&gt; &lt;@U123&gt; &amp; &lt;http://x|y&gt;"
    )
    assert escape("Hei @channel og @Here!") == f"Hei @{ZWSP}channel og @{ZWSP}Here!"
    assert escape("ola@here.no") == f"ola@{ZWSP}here.no"  # harmless either way


def test_markdown_becomes_mrkdwn():
    assert to_mrkdwn("**Viktig:** dette er *kursiv* og ~~borte~~ og `kode <b>`") == (
        "*Viktig:* dette er _kursiv_ og ~borte~ og `kode &lt;b&gt;`"
    )
    assert (
        to_mrkdwn("# Opplæring\n- punkt én\n* punkt to\n  + under")
        == "*Opplæring*\n• punkt én\n• punkt to\n  • under"
    )
    assert to_mrkdwn("Se [aml § 3-5](https://lovdata.no/lov/2005-06-17-62/§3-5).") == (
        "Se <https://lovdata.no/lov/2005-06-17-62/%C2%A73-5|aml § 3-5>."
    )
    assert to_mrkdwn("> sitat") == "> sitat"
    assert to_mrkdwn("```\n<!here>\n```") == "```\n&lt;!here&gt;\n```"


def test_plain_text_stays_plain():
    assert to_mrkdwn("2 * 3 * 4 og snake_case_ord og a*b*c") == "2 * 3 * 4 og snake_case_ord og a*b*c"


def test_bare_urls_are_linked_without_trailing_punctuation():
    assert to_mrkdwn("Les mer: https://www.arbeidstilsynet.no.") == (
        "Les mer: <https://www.arbeidstilsynet.no|arbeidstilsynet.no>."
    )
    assert to_mrkdwn("(se https://lovdata.no/lov/x)") == "(se <https://lovdata.no/lov/x|lovdata.no/lov/x>)"


def test_slack_link_syntax_in_text_cannot_disguise_a_link():
    out = to_mrkdwn("<https://evil.example|aml § 3-5> og <mailto:a@b.no|epost>")
    assert out == "&lt;<https://evil.example|evil.example>|aml § 3-5&gt; og &lt;mailto:a@b.no|epost&gt;"
    assert link("javascript:alert(1)", "klikk") == "klikk"
    assert link("https://a.no/x?y=1&z=<2>", "a|b") == "<https://a.no/x?y=1&amp;z=%3C2%3E|a\u2223b>"


def test_quote_lines_become_a_block_quote():
    text = "Ordlyden:\n«(1) Første ledd.\n(2) Andre ledd.»\n– aml § 3-5 (lov per 1. januar 2026): https://lovdata.no/x"
    assert to_mrkdwn(text).split("\n") == [
        "Ordlyden:",
        "> «(1) Første ledd.",
        "> (2) Andre ledd.»",
        "– aml § 3-5 (lov per 1. januar 2026): <https://lovdata.no/x|lovdata.no/x>",
    ]


def test_split_keeps_every_piece_within_the_limit_and_loses_nothing():
    paragraph = "«" + " ".join(f"ord{i} & <b>" for i in range(900)) + "»"
    text = f"Innledning.\n\n{paragraph}\n\nSlutt: https://lovdata.no/lov/2005-06-17-62/§3-5"
    pieces = split_mrkdwn(text, limit=3000)
    assert len(pieces) > 2 and all(len(p) <= 3000 for p in pieces)
    joined = " ".join(p.removeprefix("> ") for p in pieces)
    assert all(f"ord{i} &amp; &lt;b&gt;" in joined for i in range(900))
    assert all(p.startswith("> ") for p in pieces[1:-1])  # a split quote stays a quote
    assert pieces[-1].endswith(
        "<https://lovdata.no/lov/2005-06-17-62/%C2%A73-5|lovdata.no/lov/2005-06-17-62/§3-5>"
    )


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"<>&|!@#*_~`[]()«»:/. \nabchnelrtps-U1", "http://", "https://"])).map("".join)
)
def test_any_text_converts_to_mrkdwn_without_markup_of_its_own(text: str):
    out = to_mrkdwn(text)
    assert only_our_links(out)
    assert "<!" not in out and "<@" not in out and "<#" not in out
    for piece in split_mrkdwn(text, limit=200):
        assert len(piece) <= 200 or " " not in piece  # only a single unbreakable word may exceed
        assert only_our_links(piece)


def test_from_slack_reads_a_message_as_a_plain_question():
    text = "<@UBOT> hva med &lt;verneombud&gt; &amp; AMU i <#C1|hms>? <https://x.no|lenke> <!here> <@U2|kari>"
    assert from_slack(text, bot_user_id="UBOT") == "hva med <verneombud> & AMU i #hms? lenke @here @kari"
    assert (
        from_slack("<!subteam^S1|@hr> <mailto:a@b.no> <!date^1392734382^{date}|17. feb>")
        == "@hr a@b.no 17. feb"
    )
    assert from_slack("   ") == ""
