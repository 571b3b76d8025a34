"""Exceptions that end the program with every config problem listed."""

from __future__ import annotations

from collections.abc import Iterable

import pulumi

__all__ = ["ConfigError", "RegistryConfigError"]


class ConfigError(pulumi.RunError):
    """Raised when stack config is invalid; the message lists every problem.

    Each problem is one line that starts with its config path. A `pulumi.RunError`
    ends the program cleanly: Pulumi prints the message without a traceback and
    registers nothing further.
    """

    problems: tuple[str, ...]
    """One line per problem, in config order."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        header = f"stack config has {count} {noun}; nothing was changed:"
        super().__init__("\n".join([header, *(f"  {p}" for p in self.problems)]))


class RegistryConfigError(ConfigError):
    """Raised when `nvcf-allowlist:registries` is invalid."""
