"""Validate the raw `registries` stack config, reporting all problems at once."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pulumi
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from nvcf_allowlist.errors import RegistryConfigError
from nvcf_allowlist.registry import Registry, fold_name

__all__ = ["REGISTRIES_PATH", "parse_registries"]

REGISTRIES_PATH = "registries"
"""Config key, within the project namespace, that holds the list of registries."""

FIELDS = tuple(field.alias or name for name, field in Registry.model_fields.items())
# Fields that must be unique across entries, with the reason given to the user.
UNIQUE = {
    "key": "each key names one registry in the API's map",
    "name": "the API builds a map of names at start-up and a duplicate stops it",
    "hostname": "each hostname maps to exactly one registry",
}


def parse_registries(raw: object) -> list[Registry]:
    """Validate the raw `registries` config and return the registries in config order.

    Args:
        raw: what `pulumi.Config().get_object("registries")` returns; None (unset)
            means no custom registries.

    Raises:
        RegistryConfigError: listing every problem, one line each, path first.
    """
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise RegistryConfigError(
            [
                f"{REGISTRIES_PATH}: {raw!r} is not a list; set a list of objects with "
                "key, name and hostname, e.g. pulumi config set --path "
                "'registries[0].key' GHCR."
            ]
        )

    problems: list[str] = []
    registries: list[Registry] = []
    seen: dict[str, dict[str, int]] = {field: {} for field in UNIQUE}
    for index, entry in enumerate(raw):
        path = f"{REGISTRIES_PATH}[{index}]"
        if not isinstance(entry, Mapping):
            problems.append(
                f"{path}: {entry!r} is not an object; each entry needs key, name and "
                "hostname."
            )
            continue
        failed: set[str] = set()
        registry: Registry | None = None
        try:
            registry = Registry.model_validate(entry)
        except ValidationError as error:
            for detail in error.errors():
                failed.add(str(detail["loc"][0]))
                problems.append(_describe(path, detail))
        if registry is not None:
            registries.append(registry)
        problems.extend(_duplicates(path, index, entry, failed, seen))
        if registry is not None and registry.hostname != entry.get("hostname"):
            pulumi.log.warn(
                f"{path}.hostname: {entry.get('hostname')!r} was normalised to "
                f"{registry.hostname!r}."
            )

    if problems:
        raise RegistryConfigError(problems)
    return registries


def _duplicates(
    path: str,
    index: int,
    entry: Mapping[str, Any],
    failed: set[str],
    seen: dict[str, dict[str, int]],
) -> list[str]:
    """Report fields equal to an earlier entry's; fields that failed are skipped."""
    problems = []
    for field, reason in UNIQUE.items():
        value = entry.get(field)
        if field in failed or not isinstance(value, str):
            continue
        # Keys and hostnames are compared ignoring case (hostnames are lowercased
        # anyway); names ignoring case and runs of spaces, as people read them.
        token = fold_name(value) if field == "name" else value.strip().lower()
        first = seen[field].setdefault(token, index)
        if first != index:
            problems.append(
                f"{path}.{field}: {value!r} is already used by "
                f"{REGISTRIES_PATH}[{first}]; {reason}. Remove or rename one of them."
            )
    return problems


def _describe(path: str, detail: ErrorDetails) -> str:
    """Turn one pydantic error into a line: path, bad value, why, and the fix."""
    field = ".".join(str(part) for part in detail["loc"])
    where = f"{path}.{field}"
    value = detail.get("input")
    kind = detail["type"]
    if kind == "registry":
        return f"{where}: {detail['msg']}"
    if kind == "missing":
        return (
            f"{where}: is required; set it with pulumi config set --path "
            f"'{where}' <{field}>."
        )
    if kind == "extra_forbidden":
        return (
            f"{where}: unknown field (value {value!r}); the fields are "
            f"{', '.join(FIELDS)}. Fix the spelling or remove it."
        )
    if isinstance(value, bool):
        return (
            f"{where}: {value!r} is a boolean where text is expected; quote it in the "
            f"stack config, e.g. '{str(value).lower()}' in quotes."
        )
    if isinstance(value, int | float):
        return (
            f"{where}: {value!r} is a number where text is expected; quote it in the "
            f'stack config, e.g. "{value}".'
        )
    return f"{where}: {value!r} is not text; set a string."
