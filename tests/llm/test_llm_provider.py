"""HMS_LLM -> a LangChain chat model through init_chat_model."""

from __future__ import annotations

import json

import httpx
import pytest
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from assistant.llm.provider import LLMConfigError, fault_kind, make_chat_model, parse_llm
from assistant.llm.threads import DeadlineExceeded
from tests.conftest import make_settings


def test_parse_llm_splits_provider_and_model_once():
    assert parse_llm("openai:gpt-4o-mini") == ("openai", "gpt-4o-mini")
    assert parse_llm("ollama:llama3.1:8b") == ("ollama", "llama3.1:8b")
    assert parse_llm(" Azure-OpenAI:my-deployment ") == ("azure_openai", "my-deployment")
    with pytest.raises(LLMConfigError, match="HMS_LLM"):
        parse_llm("gpt-4o-mini")


def test_an_openai_compatible_server_gets_our_timeout_no_client_retries_and_a_placeholder_key():
    settings = make_settings(llm="openai:qwen2.5", llm_base_url="http://127.0.0.1:8001/v1", llm_timeout_s=7.5)
    model = make_chat_model(settings)
    assert isinstance(model, ChatOpenAI)
    assert (model.model_name, model.openai_api_base, model.request_timeout, model.max_retries) == (
        "qwen2.5",
        "http://127.0.0.1:8001/v1",
        7.5,
        0,
    )
    assert model.openai_api_key is not None and model.use_responses_api is False


def test_ollama_without_its_package_uses_its_openai_compatible_api():
    model = make_chat_model(make_settings(llm="ollama:llama3.1", llm_base_url="http://gpu-box:11434"))
    assert isinstance(model, ChatOpenAI)
    assert (model.model_name, model.openai_api_base) == ("llama3.1", "http://gpu-box:11434/v1")


def test_the_api_key_is_passed_and_a_missing_one_is_named(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    model = make_chat_model(make_settings(llm="openai:gpt-4o-mini", llm_api_key="sk-test"))
    assert isinstance(model, ChatOpenAI) and isinstance(model.openai_api_key, SecretStr)
    assert model.openai_api_key.get_secret_value() == "sk-test"
    with pytest.raises(LLMConfigError, match="HMS_LLM_API_KEY") as err:
        make_chat_model(make_settings(llm="openai:gpt-4o-mini"))
    assert "HMS_LLM='openai:gpt-4o-mini'" in str(err.value)


def test_an_unknown_provider_is_a_clear_start_up_error():
    with pytest.raises(LLMConfigError, match=r"HMS_LLM='nope:model' cannot be used: Unsupported provider"):
        make_chat_model(make_settings(llm="nope:model"))


def test_a_missing_provider_package_is_named():
    with pytest.raises(LLMConfigError, match=r"HMS_LLM='anthropic:claude-x'.*not installed"):
        make_chat_model(make_settings(llm="anthropic:claude-x"))


def test_fault_kinds():
    request = httpx.Request("POST", "http://x/v1/chat/completions")

    def status(code: int) -> httpx.HTTPStatusError:
        return httpx.HTTPStatusError("e", request=request, response=httpx.Response(code, request=request))

    assert fault_kind(DeadlineExceeded()) == "timeout"
    assert fault_kind(httpx.ReadTimeout("t")) == "timeout"
    assert fault_kind(status(429)) == "rate_limited"
    assert fault_kind(status(503)) == "server_error"
    assert fault_kind(httpx.ConnectError("refused")) == "connection"
    assert fault_kind(json.JSONDecodeError("x", "doc", 0)) == "bad_response"


def test_a_reply_is_capped_in_tokens_in_the_field_each_server_reads():
    cloud = make_chat_model(
        make_settings(llm="openai:gpt-4o-mini", llm_api_key="sk-test", llm_max_answer_chars=2000)
    )
    assert isinstance(cloud, ChatOpenAI) and cloud.max_tokens == 1000  # sent as max_completion_tokens
    local = make_chat_model(make_settings(llm="openai:llama3.1", llm_base_url="http://127.0.0.1:11434/v1"))
    assert isinstance(local, ChatOpenAI)
    assert local.extra_body == {"max_tokens": 1000} and local.max_tokens is None


def test_an_openai_compatible_client_watches_its_streams_for_done():
    from assistant.llm.transport import ProbingTransport

    model = make_chat_model(make_settings(llm="openai:llama3.1", llm_base_url="http://127.0.0.1:11434/v1"))
    assert isinstance(model, ChatOpenAI) and model.http_client is not None
    assert isinstance(model.http_client._transport, ProbingTransport)
