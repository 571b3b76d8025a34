"""Helpers shared by the unit tests."""

from __future__ import annotations

from nvcf_allowlist import RegistryConfigError, parse_registries


def registry_problems(entry: dict[str, object]) -> tuple[str, ...]:
    """Return the problems `parse_registries` reports for one entry, or ()."""
    try:
        parse_registries([entry])
    except RegistryConfigError as error:
        return error.problems
    return ()
