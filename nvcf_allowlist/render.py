"""Render registries into chart values and the rollout hash for the pod template."""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable, Mapping
from typing import Any

from nvcf_allowlist.registry import Registry

__all__ = [
    "ENV_PATH",
    "ENV_PREFIX",
    "OWNED_ENV_PREFIX",
    "ROLLOUT_ANNOTATION",
    "deep_merge",
    "is_owned_env_name",
    "registry_env",
    "release_values",
    "rollout_hash",
    "value_at",
]

ENV_PATH = ("api", "env")
"""Where the chart reads the API container's env values."""

ENV_PREFIX = "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_"
"""Start of every env name rendered for a container registry."""
OWNED_ENV_PREFIX = "NVCF_REGISTRIES_RECOGNIZED_"
"""Env names this program owns; base values must not set them."""

ROLLOUT_ANNOTATION = "nvcf-allowlist/registries-sha256"
"""Pod-template annotation holding the rollout hash of the registry set."""


def registry_env(registries: Iterable[Registry]) -> dict[str, str]:
    """Return the two env values of every registry, keyed by env name."""
    env: dict[str, str] = {}
    for registry in registries:
        env[f"{ENV_PREFIX}{registry.key}_NAME"] = registry.name
        env[f"{ENV_PREFIX}{registry.key}_HOSTNAME"] = registry.hostname
    return env


def rollout_hash(registries: Iterable[Registry]) -> str:
    """Return the sha256, in lowercase hex, of the rendered registry env.

    The canonical form is JSON with sorted keys, no spaces and ASCII escapes, so the
    hash ignores entry order and is the same on every machine and Python process.
    """
    return _env_hash(registry_env(registries))


def _env_hash(env: dict[str, str]) -> str:
    canonical = json.dumps(
        env,
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


def deep_merge(base: Mapping[str, Any], overlay: Mapping[str, Any]) -> dict[str, Any]:
    """Return `base` with `overlay` merged in, as Helm merges values files.

    Maps merge key by key; any other value in `overlay`, lists included, replaces the
    one in `base`. Neither input is modified.
    """
    merged = {key: _copy(value) for key, value in base.items()}
    for key, value in overlay.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = _copy(value)
    return merged


def _copy(value: Any) -> Any:
    # Maps and lists are copied; strings, numbers, booleans and None are immutable and
    # shared. Several times faster than copy.deepcopy on ten thousand registries.
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, dict | Mapping):
        # Strings, the bulk of env maps, are shared without a call per item.
        return {
            key: item if type(item) is str else _copy(item)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [_copy(item) for item in value]
    return copy.deepcopy(value)


def is_owned_env_name(name: object) -> bool:
    """Tell whether an env name would bind as a registry in the NVCF API.

    Spring Boot's relaxed binding ignores case and reads `.` and `-` like `_`, so
    `nvcf.registries.recognized.container.x.name` binds just as the upper-case form.
    """
    if not isinstance(name, str):
        return False
    canonical = name.upper().replace(".", "_").replace("-", "_")
    return canonical.startswith(OWNED_ENV_PREFIX)


def release_values(
    base: Mapping[str, Any],
    registries: Iterable[Registry],
    annotation_path: tuple[str, ...],
) -> dict[str, Any]:
    """Return the release's values: `base` with the registry env and hash merged in.

    The caller has checked `base` (see `nvcf_allowlist.values`): it sets no owned env
    name, and the env and annotation paths hold maps.
    """
    env = registry_env(registries)
    overlay: dict[str, Any] = {}
    _set(overlay, ENV_PATH, env)
    _set(overlay, annotation_path, {ROLLOUT_ANNOTATION: _env_hash(env)})
    return deep_merge(base, overlay)


def value_at(values: Mapping[str, Any], path: tuple[str, ...]) -> object:
    """Return the value at `path` in nested maps, or None if any step is missing."""
    node: object = values
    for part in path:
        if not isinstance(node, Mapping):
            return None
        node = node.get(part)
    return node


def _set(values: dict[str, Any], path: tuple[str, ...], leaf: dict[str, Any]) -> None:
    # Nested dicts, never dotted keys: Helm would take "api.env" as one literal key.
    # Maps already on the path are merged into, so two leaves never replace each
    # other, whichever path is a prefix of the other.
    node = values
    for part in path[:-1]:
        node = node.setdefault(part, {})
    node[path[-1]] = {**node.get(path[-1], {}), **leaf}
