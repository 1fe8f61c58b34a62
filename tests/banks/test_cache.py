"""Validated banks are cached by a hash of the files: reused while nothing changed, never once something did."""

from __future__ import annotations

import shutil
from pathlib import Path

from questionnaire.banks import cache
from questionnaire.banks.cache import cached_registry

from ..conftest import DATA


def test_the_cache_is_used_until_a_bank_file_changes(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    banks, store = tmp_path / "banks", tmp_path / "cache"
    shutil.copytree(DATA / "banks", banks)
    first = cached_registry(banks, store)
    assert [p.name for p in store.iterdir()] == [f"banks-{cache.cache_key(banks)}.pickle"]

    loads: list[Path] = []
    monkeypatch.setattr(cache, "load_registry", lambda directory: loads.append(directory) or first)
    assert cached_registry(banks, store).banks.keys() == first.banks.keys()
    assert loads == []  # read from the cache, not parsed again

    monkeypatch.undo()
    bank = banks / "demo-2024.yaml"
    bank.write_text(bank.read_text(encoding="utf-8").replace("Demo Standard 2024", "Demo Standard, renamed"), "utf-8")
    assert cached_registry(banks, store).banks["demo-2024"].name == "Demo Standard, renamed"
    assert len(list(store.iterdir())) == 1  # the stale file was replaced


def test_a_damaged_cache_file_is_ignored(tmp_path: Path) -> None:
    store = tmp_path / "cache"
    store.mkdir()
    (store / f"banks-{cache.cache_key(DATA / 'banks')}.pickle").write_bytes(b"not a pickle")
    assert "demo-2024" in cached_registry(DATA / "banks", store).banks
