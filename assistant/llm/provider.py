"""The chat model named by HMS_LLM ('provider:model'), built with LangChain's init_chat_model.

Every provider is reached the same way; an OpenAI-compatible server (vLLM, LM Studio, Azure OpenAI's v1
endpoint, Ollama's /v1) is `openai:<model>` with HMS_LLM_BASE_URL. The client never retries on its own
(max_retries=0): the answerer retries once itself, and only on a failed verification. The reply is capped
in tokens (a longer one ends with finish_reason 'length' and is not shown), and an OpenAI-compatible client
gets a transport that sees whether a stream ended with [DONE] (assistant/llm/complete.py).
"""

from __future__ import annotations

import importlib.util
import json
from typing import Any

from langchain.chat_models import init_chat_model
from langchain_core.language_models import BaseChatModel

from assistant.infra.config import Settings, reveal
from assistant.llm import LLMConfigError

__all__ = ["LLMConfigError", "fault_kind", "make_chat_model", "model_kwargs", "parse_llm"]

OLLAMA_URL = "http://localhost:11434"
NO_KEY = "not-needed"  # local OpenAI-compatible servers ignore the key, but the client insists on one
CHARS_PER_TOKEN = 2  # generous: Norwegian runs about 4 characters a token; the cap is for runaways


def parse_llm(spec: str) -> tuple[str, str]:
    """'openai:gpt-4o-mini' -> ('openai', 'gpt-4o-mini'); the model keeps any further colons."""
    provider, sep, model = spec.strip().partition(":")
    if not sep or not provider.strip() or not model.strip():
        raise LLMConfigError(
            f"HMS_LLM={spec!r} is not 'provider:model', e.g. 'openai:gpt-4o-mini' or 'ollama:llama3.1'."
        )
    return provider.strip().lower().replace("-", "_"), model.strip()


def model_kwargs(settings: Settings, provider: str) -> tuple[str, dict[str, Any]]:
    """The provider to ask init_chat_model for, and its arguments (timeout, no client retries, URL, key)."""
    timeout = settings.llm_timeout_s
    max_tokens = max(256, settings.llm_max_answer_chars // CHARS_PER_TOKEN)
    base_url, api_key = settings.llm_base_url, reveal(settings.llm_api_key)
    if provider == "ollama":
        if importlib.util.find_spec("langchain_ollama") is not None:
            url = base_url or OLLAMA_URL
            return "ollama", {
                "base_url": url,
                "client_kwargs": {"timeout": timeout},
                "num_predict": max_tokens,
            }
        # Without langchain-ollama, use Ollama's OpenAI-compatible API under /v1.
        root = (base_url or OLLAMA_URL).rstrip("/")
        base_url = root if root.endswith("/v1") else f"{root}/v1"
        provider, api_key = "openai", api_key or NO_KEY
    kwargs: dict[str, Any] = {"timeout": timeout, "max_retries": 0, "max_tokens": max_tokens}
    if provider == "azure_openai":
        if base_url:
            kwargs["azure_endpoint"] = base_url
    elif base_url:
        kwargs["base_url"] = base_url
    if api_key:
        kwargs["api_key"] = api_key
    elif base_url and provider == "openai":
        kwargs["api_key"] = NO_KEY
    if provider == "openai":
        kwargs["use_responses_api"] = False  # Chat Completions: the API every OpenAI-compatible server has
        if base_url:  # llama-server and Ollama read the classic field, not max_completion_tokens
            kwargs["extra_body"] = {"max_tokens": kwargs.pop("max_tokens")}
    probing = _probing_client() if provider in ("openai", "azure_openai") else None
    if probing is not None:
        kwargs["http_client"] = probing
    return provider, kwargs


def _probing_client() -> Any | None:
    """The OpenAI client's own defaults, with the transport that watches streams for [DONE]; None with an
    OpenAI SDK that does not speak httpx2 (then only finish_reason tells a complete stream)."""
    try:
        import httpx2
        from openai import DefaultHttpxClient
    except ImportError:
        return None
    if not issubclass(DefaultHttpxClient, httpx2.Client):
        return None
    from assistant.llm.transport import ProbingTransport

    limits = httpx2.Limits(max_connections=100, max_keepalive_connections=20)
    return DefaultHttpxClient(transport=ProbingTransport(httpx2.HTTPTransport(limits=limits)))


def make_chat_model(settings: Settings) -> BaseChatModel:
    """The LangChain chat model for HMS_LLM; raises LLMConfigError naming HMS_LLM if it cannot be built."""
    if not settings.llm:
        raise LLMConfigError("HMS_LLM is not set; the extractive answerer needs no chat model.")
    provider, model = parse_llm(settings.llm)
    provider, kwargs = model_kwargs(settings, provider)
    try:
        return init_chat_model(model, model_provider=provider, **kwargs)
    except ImportError as exc:
        raise LLMConfigError(
            f"HMS_LLM={settings.llm!r}: the LangChain package for provider {provider!r} is not installed "
            f"({exc}). Install it, or use an OpenAI-compatible server: HMS_LLM=openai:<model> with "
            "HMS_LLM_BASE_URL."
        ) from exc
    except Exception as exc:  # unknown provider, missing key, bad URL: say so at start, naming the setting
        hint = " Set HMS_LLM_API_KEY." if "api_key" in str(exc) or "credentials" in str(exc).lower() else ""
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise LLMConfigError(f"HMS_LLM={settings.llm!r} cannot be used: {first_line}{hint}") from exc


def fault_kind(exc: BaseException) -> str:
    """A short name for a provider fault, for logs and metrics: timeout, rate_limited, server_error,
    client_error, connection, bad_response or error."""
    name = type(exc).__name__.lower()
    status = getattr(exc, "status_code", None) or getattr(getattr(exc, "response", None), "status_code", None)
    if isinstance(exc, TimeoutError) or "timeout" in name:
        return "timeout"
    if isinstance(status, int) and status >= 400:  # LangChain attaches the 200 response to a parse error
        if status == 429:
            return "rate_limited"
        return "server_error" if status >= 500 else "client_error"
    if "connect" in name or isinstance(exc, ConnectionError):
        return "connection"
    if isinstance(exc, json.JSONDecodeError | ValueError | KeyError | TypeError | AttributeError):
        return "bad_response"
    return "error"
