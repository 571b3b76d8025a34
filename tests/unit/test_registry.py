"""Tests for the registry model: what NVCF accepts as a key, name and hostname."""

from __future__ import annotations

import re

import pytest

from nvcf_allowlist import RegistryConfigError, parse_registries

GHCR = {"key": "GHCR", "name": "GitHub Container Registry", "hostname": "ghcr.io"}
HELM_UNSUPPORTED = (
    "is not supported yet: NVCF cannot allowlist registries for Helm-chart functions. "
    "Remove artifactType or set it to 'container'."
)
NO_DOT = (
    "has no dot; image references read a first segment without a dot as a Docker "
    "Hub namespace. Use the registry's full host name."
)
TOO_LONG = "a" * 250 + ".com"
# The fix a message offers: "Use 'X'", "e.g. 'X'" or "the bare host 'X'".
SUGGESTION = re.compile(r"(?:Use|e\.g\.|host) '([^']*)'")


def problems(entry: dict[str, object]) -> tuple[str, ...]:
    try:
        parse_registries([entry])
    except RegistryConfigError as error:
        return error.problems
    return ()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        *[("key", key) for key in ("GHCR", "A", "QUAY2", "DOCKERHUB", "MYECR")],
        *[("name", name) for name in ("Quay", "Docker Hub", "Harbor Registry 2")],
        pytest.param("name", "Registre d'été", id="name-non-ascii"),
        *[("hostname", host) for host in ("ghcr.io", "my-registry.example.com")],
        *[("hostname", host) for host in ("10.0.0.1", "xn--bcher-kva.example")],
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
    ],
    ids=["lower", "digit-first", "hyphen", "space", "non-ascii", "empty", "digits"],
)
def test_refuses_keys_outside_the_pattern(key: str, fix: str) -> None:
    """A key outside ^[A-Z][A-Z0-9]*$ is refused with a suggested key."""
    assert problems({**GHCR, "key": key}) == (
        f"registries[0].key: {key!r} is not a valid key; use upper-case letters "
        "and digits starting with a letter (pattern ^[A-Z][A-Z0-9]*$), "
        f"e.g. {fix!r}.",
    )


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("", "is blank; give the registry a display name."),
        ("  \t", "is blank; give the registry a display name."),
        ("a\nb", "spans several lines; put the name on one line."),
        ("a\r\nb", "spans several lines; put the name on one line."),
        (" Quay", "has spaces at its ends; use 'Quay'."),
        ("Quay ", "has spaces at its ends; use 'Quay'."),
    ],
    ids=["empty", "spaces", "newline", "crlf", "lead-space", "trail-space"],
)
def test_refuses_bad_names(name: str, why: str) -> None:
    """A blank, multi-line or padded name is refused."""
    assert problems({**GHCR, "name": name}) == (f"registries[0].name: {name!r} {why}",)


@pytest.mark.parametrize(
    "name",
    [
        *("Docker Hub Registry", "NGC Private Registry", "Harbor Registry"),
        *("AWS ECR Private Registry", "AWS ECR Public Registry"),
        *("Volcano Engine Registry", "Azure Container Registry"),
        *("JFrog Artifactory Registry", "docker hub registry", "HARBOR REGISTRY"),
        "aws ecr Public Registry",
    ],
)
def test_refuses_builtin_names_ignoring_case(name: str) -> None:
    """The display name of a built-in registry is refused, in any case."""
    assert problems({**GHCR, "name": name}) == (
        f"registries[0].name: {name!r} is the name of a registry built into NVCF; "
        "a duplicate name stops the API from starting. Choose another name.",
    )


@pytest.mark.parametrize(
    ("hostname", "why"),
    [
        ("https://ghcr.io/org", "has a scheme; use the bare host 'ghcr.io'."),
        ("oci://Quay.io:443", "has a scheme; use the bare host 'quay.io'."),
        (
            "ghcr.io/org/repo",
            "has a path; use the bare host 'ghcr.io': NVCF matches the registry "
            "by host only.",
        ),
        (
            "ghcr.io:5000",
            "has a port; NVCF drops the port from an image reference before "
            "matching, so this entry would never match. Use 'ghcr.io': one entry "
            "covers every port.",
        ),
        ("localhost", NO_DOT),
        ("", NO_DOT),
        (TOO_LONG, "is 254 characters long; a host name has at most 253."),
    ],
    ids=["scheme", "scheme-port-upper", "path", "port", "no-dot", "empty", "254-chars"],
)
def test_refuses_what_is_not_a_bare_host(hostname: str, why: str) -> None:
    """A hostname with a scheme, path, port or no dot, or too long, is refused."""
    assert problems({**GHCR, "hostname": hostname}) == (
        f"registries[0].hostname: {hostname!r} {why}",
    )


@pytest.mark.parametrize(
    ("hostname", "label"),
    [
        *[("-bad.io", "-bad"), ("bad-.io", "bad-"), ("bad_label.io", "bad_label")],
        *[("ghcr.io.", ""), ("a..io", ""), ("a" * 64 + ".io", "a" * 64)],
        ("ünï.io", "ünï"),
    ],
    ids=["-start", "end-", "underscore", "end-dot", "empty", "64-chars", "unicode"],
)
def test_refuses_labels_outside_rfc_1123(hostname: str, label: str) -> None:
    """Each dot-separated label is 1-63 letters, digits or inner hyphens."""
    assert problems({**GHCR, "hostname": hostname}) == (
        f"registries[0].hostname: {hostname!r} has the invalid label {label!r}; "
        "each dot-separated label is 1-63 letters, digits or '-', and does not "
        "start or end with '-' (RFC 1123).",
    )


@pytest.mark.parametrize(
    ("hostname", "owner"),
    [
        ("docker.io", "Docker Hub"),
        ("Docker.IO", "Docker Hub"),
        ("nvcr.io", "NGC"),
        ("canary.nvcr.io", "NGC"),
        ("public.ecr.aws", "AWS ECR Public"),
        ("123456789012.dkr.ecr.us-east-1.amazonaws.com", "AWS ECR Private"),
        ("myreg.azurecr.io", "Azure Container Registry"),
        ("azurecr.io.example.com", "Azure Container Registry"),
        ("cr.volces.com", "Volcano Engine"),
        ("x.cr.volces.com", "Volcano Engine"),
    ],
)
def test_refuses_hosts_nvcf_recognises(hostname: str, owner: str) -> None:
    """A hostname a built-in registry already covers is refused, naming it."""
    assert problems({**GHCR, "hostname": hostname}) == (
        f"registries[0].hostname: {hostname!r} is already recognised by NVCF as "
        f"the built-in {owner} registry; do not allowlist it, add registry "
        "credentials for it instead.",
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
