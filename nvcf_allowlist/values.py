"""Check base chart values before they are merged with the registries and sent on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from nvcf_allowlist.render import (
    ENV_PATH,
    ROLLOUT_ANNOTATION,
    is_owned_env_name,
    value_at,
)

__all__ = ["values_problems"]

# Pulumi carries numbers as 64-bit floats, which hold every integer up to 2**53 exactly.
MAX_EXACT_INT = 2**53


def values_problems(
    values: Mapping[str, Any], annotation_path: tuple[str, ...] | None
) -> list[tuple[str, str]]:
    """Return (dotted path, message) for every problem in base values.

    The message starts with the bad value's repr. `annotation_path` is None when the
    configured path is itself invalid; its checks are then skipped.
    """
    problems = list(_unrepresentable(values, ()))
    problems.extend(_owned_env(values))
    problems.extend(_not_maps(values, ENV_PATH, "the registry env"))
    if annotation_path is not None:
        problems.extend(_not_maps(values, annotation_path, "the rollout annotation"))
        annotations = value_at(values, annotation_path)
        if isinstance(annotations, Mapping) and ROLLOUT_ANNOTATION in annotations:
            path = ".".join([*annotation_path, ROLLOUT_ANNOTATION])
            problems.append(
                (
                    path,
                    f"{annotations[ROLLOUT_ANNOTATION]!r} is set for an annotation "
                    "this program computes; delete it from the base values.",
                )
            )
    return problems


def _unrepresentable(
    node: object, path: tuple[str, ...], seen: frozenset[int] = frozenset()
) -> Iterator[tuple[str, str]]:
    """Find values Pulumi cannot pass to Helm unchanged."""
    where = ".".join(path) or "(top level)"
    if isinstance(node, Mapping | list):
        if id(node) in seen:
            yield (
                where,
                (
                    f"{node!r} refers to itself (a YAML anchor used inside its own "
                    "value); Helm values cannot be recursive. Write the value out in "
                    "full."
                ),
            )
            return
        seen = seen | {id(node)}
    if isinstance(node, Mapping):
        for key, value in node.items():
            if not isinstance(key, str):
                yield (
                    ".".join([*path, str(key)]),
                    f"{key!r} ({type(key).__name__}) is used as a key; Helm values "
                    "have text keys. Quote it.",
                )
            elif value is None:
                # Helm reads null as "delete the chart's default", but Pulumi drops
                # map entries whose value is null, so it would silently do nothing.
                yield (
                    ".".join([*path, key]),
                    "None is null; Pulumi drops null values before Helm sees them. "
                    "Remove the key, or set the value you want.",
                )
            else:
                yield from _unrepresentable(value, (*path, key), seen)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            last = f"{path[-1]}[{index}]" if path else f"[{index}]"
            yield from _unrepresentable(item, (*path[:-1], last), seen)
    elif isinstance(node, bool | str | float) or node is None:
        return
    elif isinstance(node, int):
        if abs(node) > MAX_EXACT_INT:
            yield (
                where,
                (
                    f"{node!r} is beyond ±2**53, which Pulumi cannot carry "
                    "exactly; quote it if the chart takes text."
                ),
            )
    else:
        yield (
            where,
            (
                f"{node!r} ({type(node).__name__}) is not a type Helm values can "
                "hold; quote it to pass it as text."
            ),
        )


def _owned_env(values: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    env = value_at(values, ENV_PATH)
    if not isinstance(env, Mapping):
        return
    for name, value in env.items():
        if is_owned_env_name(name):
            yield (
                ".".join([*ENV_PATH, str(name)]),
                f"{value!r} sets a registry env value in base values; move this "
                "registry into `registries` (one setting owns each key) and delete it "
                "here.",
            )


def _not_maps(
    values: Mapping[str, Any], path: tuple[str, ...], what: str
) -> Iterator[tuple[str, str]]:
    """Report a value on `path` that is not a map, since merging would replace it."""
    node: object = values
    for depth, part in enumerate(path):
        if not isinstance(node, Mapping) or part not in node:
            return
        node = node[part]
        if node is not None and not isinstance(node, Mapping):
            where = ".".join(path[: depth + 1])
            yield (
                where,
                f"{node!r} is not a map, but {what} goes under {'.'.join(path)}; "
                "make it a map.",
            )
            return
