"""Tests for the registry model: what NVCF accepts, keys, artifact types and fixes."""

from __future__ import annotations

import re

import pytest

from nvcf_allowlist import parse_registries, registry_env
from tests.unit.support import GHCR_ENTRY as GHCR
from tests.unit.support import registry_problems as problems

HELM_UNSUPPORTED = (
    "is not supported yet: NVCF cannot allowlist registries for Helm-chart functions. "
    "Remove artifactType or set it to 'container'."
)
# The fix a message offers: "Use 'X'", "e.g. 'X'" or "the bare hostname 'X'".
SUGGESTION = re.compile(r"(?:Use|e\.g\.|hostname) '([^']*)'")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        *[("key", key) for key in ("GHCR", "A", "QUAY2", "DOCKERHUB", "MYECR")],
        *[("name", name) for name in ("Quay", "Docker Hub", "Harbor Registry 2")],
        pytest.param("name", "Registre d'été", id="name-non-ascii"),
        *[("hostname", host) for host in ("ghcr.io", "my-registry.example.com")],
        ("hostname", "xn--bcher-kva.example"),
        pytest.param("hostname", ".".join(["a" * 63] * 3 + ["b" * 61]), id="253-chars"),
        *[("hostname", host) for host in ("nvcr.io.example.com", "xcr.volces.com")],
        ("hostname", "12345678901.dkr.ecr.us-east-1.amazonaws.com"),
        ("artifactType", "container"),
    ],
)
def test_accepts_valid_fields_as_written(field: str, value: str, capsys) -> None:
    """A valid key, name, hostname or artifactType is kept as written, silently."""
    (registry,) = parse_registries([{**GHCR, field: value}])

    expected = {**GHCR, "artifactType": "container", field: value}
    assert registry.model_dump(by_alias=True) == expected
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "key",
    [
        *("DOCKER", "NGC", "ECR", "ECRPUBLIC", "VOLCENGINE", "ACR", "HARBOR"),
        *("ARTIFACTORY", "docker", "ecr-public", "Ecr_Public", "Volc-Engine"),
    ],
)
def test_refuses_builtin_keys_ignoring_case_and_separators(key: str) -> None:
    """A built-in key is refused, compared ignoring case, '_' and '-'."""
    assert problems({**GHCR, "key": key}) == (
        f"registries[0].key: {key!r} is the key of a registry built into NVCF; "
        "using it would override or duplicate that registry. Choose another key, "
        "e.g. 'MY' + the key.",
    )


@pytest.mark.parametrize(
    ("key", "fix"),
    [("MY_REG", "MYREG"), ("_X", "X"), ("GH_CR_2", "GHCR2"), ("my_reg", "MYREG")],
    ids=["middle", "leading", "several", "lower-case"],
)
def test_refuses_underscore_for_spring_boot(key: str, fix: str) -> None:
    """A key with '_' is refused because Spring Boot would bind only its head."""
    assert problems({**GHCR, "key": key}) == (
        f"registries[0].key: {key!r} contains '_'; the NVCF API (Spring Boot) "
        "splits env names on '_' and binds only the first segment after "
        "..._CONTAINER_, so this entry would be silently ignored. "
        f"Use {fix!r}.",
    )


@pytest.mark.parametrize(
    ("key", "fix"),
    [
        *[("ghcr", "GHCR"), ("1ABC", "ABC"), ("MY-REG", "MYREG")],
        *[("GH CR", "GHCR"), ("ÄB", "B"), ("", "MYREGISTRY"), ("123", "MYREGISTRY")],
        *[("GHCR\n", "GHCR"), ("GHCR\r\n", "GHCR"), (" GHCR", "GHCR")],
    ],
    ids=[
        *("lower", "digit-first", "hyphen", "space", "non-ascii", "empty", "digits"),
        *("trailing-newline", "trailing-crlf", "leading-space"),
    ],
)
def test_refuses_keys_outside_the_pattern(key: str, fix: str) -> None:
    """A key outside ^[A-Z][A-Z0-9]*$ is refused with a suggested key."""
    assert problems({**GHCR, "key": key}) == (
        f"registries[0].key: {key!r} is not a valid key; use upper-case letters "
        "and digits starting with a letter (pattern ^[A-Z][A-Z0-9]*$), "
        f"e.g. {fix!r}.",
    )


def test_longest_key_keeps_env_names_within_253_characters() -> None:
    """A key of 207 characters is accepted and its longest env name is 253 long."""
    (registry,) = parse_registries([{**GHCR, "key": "K" * 207}])

    assert max(len(name) for name in registry_env([registry])) == 253


def test_refuses_keys_longer_than_env_names_allow() -> None:
    """A key of 208 characters would make an env name over 253 characters."""
    key = "K" * 208

    assert problems({**GHCR, "key": key}) == (
        f"registries[0].key: {key!r} is 208 characters long; at most 207 keep its env "
        "names within Kubernetes' 253-character limit. Use a shorter key.",
    )


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("helm", HELM_UNSUPPORTED),
        ("Container", "is not an artifact type; use 'container'."),
        ("oci", "is not an artifact type; use 'container'."),
        (5, "is not an artifact type; use 'container'."),
    ],
    ids=["helm", "capitalised", "oci", "number"],
)
def test_refuses_anything_but_container(value: object, why: str) -> None:
    """Only 'container' is an artifact type; 'helm' says it is not supported."""
    assert problems({**GHCR, "artifactType": value}) == (
        f"registries[0].artifactType: {value!r} {why}",
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        *[("key", key) for key in ("MY_REG", "my_reg", "1_A", "ghcr", "GH CR", "")],
        *[("hostname", host) for host in ("https://ghcr.io:5000", "HTTPS://Quay.io/x")],
        ("hostname", "ghcr.io/a:1"),
    ],
    ids=[
        *("MY_REG", "my_reg", "1_A", "ghcr", "GH-CR", "empty-key"),
        *("scheme-and-port", "scheme-and-path", "path-and-port"),
    ],
)
def test_suggested_fix_is_itself_valid(field: str, value: str) -> None:
    """The key or host an error message suggests passes validation itself."""
    (problem,) = problems({**GHCR, field: value})
    match = SUGGESTION.search(problem)
    assert match is not None, problem

    assert problems({**GHCR, field: match.group(1)}) == ()
