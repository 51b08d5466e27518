"""An opinion, a forecast or whether to quit is not the law's to answer: the answer says so and quotes no §, and
the certificate's language, which the FAQ does not state, is the course provider's (real model and index;
questions written for these tests, not from eval items)."""


def test_real_model_an_opinion_about_the_verneombud_quotes_no_section(real_assistant):
    answer = real_assistant.ask(
        "synes du verneombudet vårt overdriver når hun stanser arbeidet for litt regn?"
    )
    assert answer.abstained and not answer.citations


def test_real_model_a_forecast_about_the_law_quotes_no_section(real_assistant):
    answer = real_assistant.ask(
        "Who will win the election, and will they change the Working Environment Act?"
    )
    assert answer.abstained and not answer.citations


def test_real_model_the_certificates_language_points_to_the_provider(real_assistant):
    answer = real_assistant.ask("kan kursbeviset skrives ut på ukrainsk? to av deltakerne ønsker det")
    assert answer.abstained and not answer.citations
    assert "hmskontoret.no" in answer.answer
