"""Tests for the registry model's hostname: a bare ASCII host NVCF does not know."""

from __future__ import annotations

import pytest

from tests.unit.support import GHCR_ENTRY as GHCR
from tests.unit.support import registry_problems as problems

NO_DOT = (
    "has no dot; image references read a first segment without a dot as a Docker "
    "Hub namespace. Use the registry's full hostname."
)
IPV4 = (
    "is an IP address; NVCF matches registries by hostname. Use the registry's DNS "
    "name."
)
IPV6 = (
    "is an IPv6 address; NVCF matches registries by hostname. Use the registry's DNS "
    "name."
)
NO_PORT = (
    "contains ':' without a port number after it; use a bare hostname such as ghcr.io."
)
TOO_LONG = "a" * 250 + ".com"


@pytest.mark.parametrize(
    ("hostname", "why"),
    [
        ("https://ghcr.io/org", "has a scheme; use the bare hostname 'ghcr.io'."),
        ("oci://Quay.io:443", "has a scheme; use the bare hostname 'quay.io'."),
        (
            "ghcr.io/org/repo",
            "has a path; use the bare hostname 'ghcr.io': NVCF matches the registry "
            "by hostname only.",
        ),
        (
            "ghcr.io:5000",
            "has a port; NVCF drops the port from an image reference before "
            "matching, so this entry would never match. Use 'ghcr.io': one entry "
            "covers every port.",
        ),
        ("[::1]", IPV6),
        ("::1", IPV6),
        ("[::1]:5000", IPV6),
        ("fe80::1", IPV6),
        ("https:ghcr.io", NO_PORT),
        ("ghcr.io:", NO_PORT),
        ("localhost", NO_DOT),
        ("", "is empty; set the registry's hostname, e.g. ghcr.io."),
        (TOO_LONG, "is 254 characters long; a hostname has at most 253."),
        ("10.0.0.1", IPV4),
    ],
    ids=[
        *("scheme", "scheme-port-upper", "path", "port", "ipv6-bracketed", "ipv6"),
        *("ipv6-port", "ipv6-link-local", "scheme-without-slashes", "empty-port"),
        *("no-dot", "empty", "254-chars", "ipv4"),
    ],
)
def test_refuses_what_is_not_a_bare_host(hostname: str, why: str) -> None:
    """A hostname with a scheme, path, port, IP address or no dot is refused."""
    assert problems({**GHCR, "hostname": hostname}) == (
        f"registries[0].hostname: {hostname!r} {why}",
    )


@pytest.mark.parametrize(
    ("hostname", "label"),
    [
        *[("-bad.io", "-bad"), ("bad-.io", "bad-"), ("bad_label.io", "bad_label")],
        *[("ghcr.io.", ""), ("a..io", ""), ("a" * 64 + ".io", "a" * 64)],
    ],
    ids=["-start", "end-", "underscore", "end-dot", "empty", "64-chars"],
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
    ("hostname", "character", "code"),
    [
        ("ghcr.i\u043e", "\u043e", "043E"),
        ("\u212aube.example", "\u212a", "212A"),
        ("ünï.io", "ü", "00FC"),
        ("quay\u3002io", "\u3002", "3002"),
    ],
    ids=["cyrillic-o", "kelvin-sign", "latin-umlaut", "ideographic-full-stop"],
)
def test_refuses_non_ascii_hostnames(hostname: str, character: str, code: str):
    """A hostname with a non-ASCII character is refused, naming the character."""
    assert problems({**GHCR, "hostname": hostname}) == (
        f"registries[0].hostname: {hostname!r} contains the non-ASCII character "
        f"{character!r} (U+{code}); type the hostname in ASCII, with an "
        "internationalised name in its xn-- (punycode) form.",
    )
