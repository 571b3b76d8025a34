"""Tests for the registry model's display name: one printable line, not a built-in."""

from __future__ import annotations

import pytest

from nvcf_allowlist import parse_registries
from tests.unit.support import GHCR_ENTRY as GHCR
from tests.unit.support import registry_problems as problems


@pytest.mark.parametrize(
    "name",
    ["Quay", "Docker Hub", "Harbor Registry 2", "Registre d'été", "Quay (mirror)"],
    ids=["word", "builtin-prefix", "builtin-suffix", "non-ascii", "punctuation"],
)
def test_accepts_printable_one_line_names(name: str) -> None:
    """A printable, unpadded name that is not a built-in one is kept as written."""
    (registry,) = parse_registries([{**GHCR, "name": name}])

    assert registry.name == name


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "is blank; give the registry a display name."),
        ("  \t", "is blank; give the registry a display name."),
        ("a\nb", "spans several lines; put the name on one line."),
        ("a\r\nb", "spans several lines; put the name on one line."),
        ("Quay\n", "spans several lines; put the name on one line."),
        (" Quay", "has spaces at its ends; use 'Quay'."),
        ("Quay ", "has spaces at its ends; use 'Quay'."),
    ],
    ids=[
        *("empty", "spaces", "newline", "crlf", "trailing-newline"),
        *("lead-space", "trail-space"),
    ],
)
def test_refuses_bad_names(name: str, why: str) -> None:
    """A blank, multi-line or padded name is refused."""
    assert problems({**GHCR, "name": name}) == (f"registries[0].name: {name!r} {why}",)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Quay\x00", "0000"),
        ("\x1b[31mQuay", "001B"),
        ("Quay\tMirror", "0009"),
        ("Quay\u2028Mirror", "2028"),
        ("Quay\x85Mirror", "0085"),
        ("Qu\u200bay", "200B"),
        ("Docker\u00a0Hub Registry", "00A0"),
    ],
    ids=[
        *("nul", "escape", "tab", "line-separator", "next-line"),
        *("zero-width-space", "no-break-space"),
    ],
)
def test_refuses_invisible_and_control_characters(name: str, code: str) -> None:
    """A name with a character that does not print is refused, naming its code."""
    assert problems({**GHCR, "name": name}) == (
        f"registries[0].name: {name!r} contains the invisible or control character "
        f"U+{code}; use printable characters on one line.",
    )


@pytest.mark.parametrize(
    "name",
    [
        *("Docker Hub Registry", "NGC Private Registry", "Harbor Registry"),
        *("AWS ECR Private Registry", "AWS ECR Public Registry"),
        *("Volcano Engine Registry", "Azure Container Registry"),
        *("JFrog Artifactory Registry", "docker hub registry", "HARBOR REGISTRY"),
        *("aws ecr Public Registry", "Docker  Hub Registry"),
        "NGC   private    REGISTRY",
    ],
)
def test_refuses_builtin_names_ignoring_case_and_spacing(name: str) -> None:
    """A built-in registry's name is refused in any case and with runs of spaces."""
    assert problems({**GHCR, "name": name}) == (
        f"registries[0].name: {name!r} is the name of a registry built into NVCF; "
        "a duplicate name stops the API from starting. Choose another name.",
    )
