"""LLM settings, the per-repo exclusions key, the offline token counter and the store twins."""

from __future__ import annotations

import pytest

from bot.config.repo import parse_repo_config
from bot.config.settings import Settings, parse_prices
from bot.errors import ConfigError
from bot.llm.store import MemoryLLMStore, SqliteLLMStore
from bot.llm.tokencount import TokenCounter, token_counter


def test_llm_is_enabled_by_a_key_or_a_base_url_and_the_key_stays_secret():
    assert not Settings.from_env({}).llm_configured
    keyed = Settings.from_env({"OPENAI_API_KEY": "sk-live-abcdefghijklmnopqrstu"})
    assert keyed.llm_configured and "sk-live" not in repr(keyed)
    assert Settings.from_env({"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1/"}).openai_base_url.endswith(
        "/v1"
    )


def test_price_table_parses_and_rejects_bad_entries():
    assert parse_prices("m=1/2, *=0.5/1.5") == (("m", 1.0, 2.0), ("*", 0.5, 1.5))
    for bad in ("m=1", "m=a/b", "=1/2", "m=-1/2"):
        with pytest.raises(ConfigError, match="REMEDIATOR_LLM_PRICES"):
            parse_prices(bad)
    with pytest.raises(ConfigError, match="REMEDIATOR_LLM_REVIEW_TOKENS"):
        Settings.from_env({"REMEDIATOR_LLM_REVIEW_TOKENS": "ten"})


def test_repo_config_llm_exclude_is_validated():
    ok = parse_repo_config(b"llm:\n  exclude: [denial-of-service]\n")
    assert ok.errors == () and ok.llm_exclude == ("denial-of-service",)
    assert parse_repo_config(b"version: 1\n").llm_exclude is None
    bad = parse_repo_config(b"llm:\n  exclude: [sql-injection]\n")
    # the README's list of noise classes, written out: the message must name every one of them
    assert [str(e) for e in bad.errors] == [
        "`llm.exclude`: unknown class 'sql-injection' (known: denial-of-service, rate-limiting, "
        "missing-hardening, log-injection, outdated-dependency, test-code, memory-safety-managed, "
        "theoretical-timing)"
    ]
    assert parse_repo_config(b"llm:\n  exclude: denial-of-service\n").errors[0].key == "llm.exclude"
    assert parse_repo_config(b"llm:\n  include: []\n").errors[0].key == "llm.include"


def test_token_counter_is_exact_offline_and_has_a_conservative_fallback():
    counter = token_counter()
    assert counter.exact and counter.note == ""
    assert counter.count("def handler(request):\n    return request.args['id']\n") < 20
    estimate = TokenCounter(None)
    text = "def handler(request):\n    return request.args['id']\n"
    assert estimate.count(text) >= counter.count(text)
    assert "estimates" in estimate.note


@pytest.mark.parametrize("make", [lambda p: MemoryLLMStore(), lambda p: SqliteLLMStore(p / "llm.sqlite3")])
def test_store_contract(tmp_path, make):
    store = make(tmp_path)
    assert store.month_usage("r", "2025-01") == (0, 0.0)
    store.add_usage("r", "2025-01", 100, 0.5)
    store.add_usage("r", "2025-01", 50, 0.25)
    store.add_usage("other", "2025-01", 7, 0.0)
    assert store.month_usage("r", "2025-01") == (150, 0.75)
    assert store.month_usage("r", "2025-02") == (0, 0.0)
    assert store.cache_get("k") is None
    store.cache_put("k", "[1]")
    store.cache_put("k", "[2]")
    assert store.cache_get("k") == "[2]"
