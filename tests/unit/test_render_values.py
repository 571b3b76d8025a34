"""Tests for merging base values and the registry env into the release's values."""

from __future__ import annotations

import copy

import pytest
import yaml

from nvcf_allowlist.render import (
    deep_merge,
    is_owned_env_name,
    release_values,
    rollout_hash,
)
from tests.unit.support import ANNOTATION, GHCR, GHCR_ENV, PREFIX, QUAY, QUAY_ENV

NAME = f"{PREFIX}A_NAME"


@pytest.mark.parametrize(
    ("base", "overlay", "expected"),
    [
        pytest.param(
            {"a": {"x": 1}}, {"a": {"y": 2}}, {"a": {"x": 1, "y": 2}}, id="maps-merge"
        ),
        pytest.param(
            {"a": [1, 2], "b": 1}, {"a": [3]}, {"a": [3], "b": 1}, id="lists-replace"
        ),
        pytest.param({"a": 1}, {"a": {"b": 2}}, {"a": {"b": 2}}, id="map-over-scalar"),
        pytest.param({"a": {"b": 2}}, {"a": "x"}, {"a": "x"}, id="scalar-over-map"),
        pytest.param({"a": {"b": 1}}, {"a": None}, {"a": None}, id="null-over-map"),
        pytest.param(
            {"a": {"b": {"c": 1, "d": 2}}},
            {"a": {"b": {"c": 3}}},
            {"a": {"b": {"c": 3, "d": 2}}},
            id="deep",
        ),
        pytest.param({"a": 1}, {}, {"a": 1}, id="empty-overlay"),
    ],
)
def test_deep_merge_follows_helm(base, overlay, expected) -> None:
    """Maps merge key by key; lists, scalars and null replace what they overlay."""
    assert deep_merge(base, overlay) == expected


def test_deep_merge_neither_modifies_nor_shares_its_inputs() -> None:
    """The merge copies: its inputs stay unchanged and the result aliases neither."""
    base = {"api": {"env": {"A": "1"}, "tolerations": [{"key": "gpu"}]}}
    overlay = {"api": {"env": {"B": "2"}, "args": ["--x"]}}
    before = copy.deepcopy((base, overlay))

    merged = deep_merge(base, overlay)
    merged["api"]["env"]["C"] = "3"
    merged["api"]["tolerations"][0]["key"] = "cpu"
    merged["api"]["args"].append("--y")

    assert (base, overlay) == before


def test_release_values_merge_env_and_annotation_into_base() -> None:
    """Env goes under api.env and the hash under the annotation path, as nested maps."""
    base = {
        "global": {"tolerations": [{"key": "gpu", "operator": "Exists"}]},
        "api": {"image": {"tag": "1.0.0"}, "env": {"LOG": "info"}, "replicas": 2},
    }
    before = copy.deepcopy(base)

    values = release_values(base, [QUAY, GHCR], ("api", "podAnnotations"))

    assert values == {
        "global": {"tolerations": [{"key": "gpu", "operator": "Exists"}]},
        "api": {
            "image": {"tag": "1.0.0"},
            "env": {"LOG": "info", **QUAY_ENV, **GHCR_ENV},
            "replicas": 2,
            "podAnnotations": {ANNOTATION: rollout_hash([GHCR, QUAY])},
        },
    }
    assert base == before


def test_release_values_keep_other_base_values_byte_for_byte() -> None:
    """Removing what the program adds gives back the base values' exact YAML."""
    base = {"b": {"z": 1, "a": [True, None, 1.5]}, "api": {"env": {"Z": "1", "A": ""}}}

    values = release_values(base, [GHCR], ("pod", "meta", "annotations"))
    for name in GHCR_ENV:
        del values["api"]["env"][name]
    assert values.pop("pod") == {
        "meta": {"annotations": {ANNOTATION: rollout_hash([GHCR])}}
    }

    assert yaml.safe_dump(values, sort_keys=False) == yaml.safe_dump(
        base, sort_keys=False
    )


@pytest.mark.parametrize(
    "path",
    [("api", "podAnnotations"), ("podAnnotations",), ("api",), ("api", "env")],
    ids=["api.podAnnotations", "podAnnotations", "api", "api.env"],
)
def test_registry_env_survives_any_annotation_path(path: tuple[str, ...]) -> None:
    """Every registry env value reaches api.env, whatever the annotation path."""
    values = release_values({}, [GHCR], path)

    assert GHCR_ENV.items() <= values["api"].get("env", {}).items()


@pytest.mark.parametrize(
    ("name", "owned"),
    [
        pytest.param(NAME, True, id="upper"),
        pytest.param(NAME.lower(), True, id="lower"),
        pytest.param("Nvcf_Registries_Recognized_X", True, id="mixed-case"),
        pytest.param("nvcf.registries.recognized.container.a.name", True, id="dotted"),
        pytest.param("NVCF-REGISTRIES-RECOGNIZED-CONTAINER-A-NAME", True, id="dashed"),
        pytest.param("NVCF_REGISTRIES", False, id="prefix-only"),
        pytest.param("X_NVCF_REGISTRIES_RECOGNIZED_A", False, id="not-at-start"),
        pytest.param("nvcf registries recognized a", False, id="spaces"),
        pytest.param("LOG", False, id="other"),
        pytest.param(1, False, id="number"),
        pytest.param(None, False, id="null"),
    ],
)
def test_owned_env_names_bind_as_spring_boot_reads_them(name: object, owned) -> None:
    """An env name is owned when, ignoring case, '.' and '-' as '_', it binds ours."""
    assert is_owned_env_name(name) is owned
