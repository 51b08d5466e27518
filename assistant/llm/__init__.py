"""Optional LLM answers through LangChain (HMS_LLM='provider:model'); the extractive answerer stays the default.

Nothing here imports LangChain at package import: the service only pulls it in when HMS_LLM is set.
"""


class LLMConfigError(RuntimeError):
    """HMS_LLM (or HMS_LLM_BASE_URL / HMS_LLM_API_KEY) cannot be turned into a chat model; raised at start."""
