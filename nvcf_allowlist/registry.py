"""The custom registry model and the rules NVCF imposes on each of its fields."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

__all__ = [
    "BUILTIN_KEYS",
    "BUILTIN_NAMES",
    "Registry",
    "builtin_hostname_owner",
    "fold_name",
]

BUILTIN_KEYS = frozenset(
    {"DOCKER", "NGC", "ECR", "ECRPUBLIC", "VOLCENGINE", "ACR", "HARBOR", "ARTIFACTORY"}
)
"""Keys of the registries built into NVCF, compared ignoring case, `_` and `-`."""

BUILTIN_NAMES = frozenset(
    {
        "Docker Hub Registry",
        "NGC Private Registry",
        "AWS ECR Private Registry",
        "AWS ECR Public Registry",
        "Volcano Engine Registry",
        "Azure Container Registry",
        "Harbor Registry",
        "JFrog Artifactory Registry",
    }
)
"""Display names of the built-in registries; the API refuses to start on a duplicate."""

_FOLDED_BUILTIN_NAMES = frozenset(name.casefold() for name in BUILTIN_NAMES)


def fold_name(name: str) -> str:
    """Return the form in which two display names count as the same name."""
    return " ".join(name.split()).casefold()


KEY_PATTERN = re.compile(r"[A-Z][A-Z0-9]*")
# Env names, and so ConfigMap keys, are at most 253 characters; the longest one built
# from a key is ..._CONTAINER_<KEY>_HOSTNAME.
KEY_MAX_LENGTH = 253 - len("NVCF_REGISTRIES_RECOGNIZED_CONTAINER_") - len("_HOSTNAME")
HOSTNAME_MAX_LENGTH = 253
# RFC 1123 section 2.1: a label is letters, digits and hyphens, at most 63 characters,
# and neither starts nor ends with a hyphen (lowercase here, after normalising).
LABEL_PATTERN = re.compile(r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?")
# All labels at once: one regex call per hostname instead of one per label.
HOSTNAME_PATTERN = re.compile(rf"({LABEL_PATTERN.pattern}\.)*{LABEL_PATTERN.pattern}")
ECR_PRIVATE_PATTERN = re.compile(r"\d{12}\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com")
BUILTIN_HOSTNAMES = {  # hostname NVCF maps to a built-in registry -> that registry
    "docker.io": "Docker Hub",
    "nvcr.io": "NGC",
    "canary.nvcr.io": "NGC",
    "public.ecr.aws": "AWS ECR Public",
    "cr.volces.com": "Volcano Engine",
}


def builtin_hostname_owner(hostname: str) -> str | None:
    """Return the built-in registry NVCF maps `hostname` to, or None."""
    if hostname in BUILTIN_HOSTNAMES:
        return BUILTIN_HOSTNAMES[hostname]
    if ECR_PRIVATE_PATTERN.fullmatch(hostname):
        return "AWS ECR Private"
    # NVCF's own rule for Azure matches any hostname containing azurecr.io.
    if "azurecr.io" in hostname:
        return "Azure Container Registry"
    if hostname.endswith(".cr.volces.com"):
        return "Volcano Engine"
    return None


def _invalid(value: object, why: str) -> PydanticCustomError:
    # The message starts with the value's repr; parse_registries prefixes the path.
    return PydanticCustomError(
        "registry", "{value} {why}", {"value": repr(value), "why": why}
    )


Text = Annotated[str, Field(strict=True)]


class Registry(BaseModel):
    """A registry is a container registry NVCF should recognise, beyond its built-ins.

    Each registry becomes two env values of the NVCF API,
    `NVCF_REGISTRIES_RECOGNIZED_CONTAINER_<KEY>_NAME` and `..._HOSTNAME`, which tell it
    that images whose reference starts with the hostname come from this registry.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        use_attribute_docstrings=True,
    )

    key: Text
    """Upper-case letters and digits, starting with a letter, e.g. `GHCR`."""

    name: Text
    """Display name shown by NVCF, e.g. `GitHub Container Registry`."""

    hostname: Text
    """Bare hostname of the registry, e.g. `ghcr.io`: no scheme, path or port."""

    artifact_type: Literal["container"] = Field(
        default="container", alias="artifactType"
    )
    """What the registry serves; NVCF allowlists only `container` registries."""

    @field_validator("key")
    @classmethod
    def _check_key(cls, key: str) -> str:
        if key.upper().replace("_", "").replace("-", "") in BUILTIN_KEYS:
            raise _invalid(
                key,
                "is the key of a registry built into NVCF; using it would override or "
                "duplicate that registry. Choose another key, e.g. 'MY' + the key.",
            )
        if "_" in key:
            raise _invalid(
                key,
                "contains '_'; the NVCF API (Spring Boot) splits env names on '_' "
                "and binds only the first segment after ..._CONTAINER_, so this entry "
                f"would be silently ignored. Use {_suggest_key(key)!r}.",
            )
        # fullmatch, not match with $: `$` also matches before a final newline.
        if not KEY_PATTERN.fullmatch(key):
            raise _invalid(
                key,
                "is not a valid key; use upper-case letters and digits starting with a "
                f"letter (pattern ^[A-Z][A-Z0-9]*$), e.g. {_suggest_key(key)!r}.",
            )
        if len(key) > KEY_MAX_LENGTH:
            raise _invalid(
                key,
                f"is {len(key)} characters long; at most {KEY_MAX_LENGTH} keep its env "
                "names within Kubernetes' 253-character limit. Use a shorter key.",
            )
        return key

    @field_validator("name")
    @classmethod
    def _check_name(cls, name: str) -> str:
        if not name.strip():
            raise _invalid(name, "is blank; give the registry a display name.")
        if "\n" in name or "\r" in name:
            raise _invalid(name, "spans several lines; put the name on one line.")
        if not name.isprintable():
            hidden = next(ch for ch in name if not ch.isprintable())
            raise _invalid(
                name,
                f"contains the invisible or control character U+{ord(hidden):04X}; "
                "use printable characters on one line.",
            )
        if name != name.strip():
            raise _invalid(name, f"has spaces at its ends; use {name.strip()!r}.")
        if fold_name(name) in _FOLDED_BUILTIN_NAMES:
            raise _invalid(
                name,
                "is the name of a registry built into NVCF; a duplicate name stops the "
                "API from starting. Choose another name.",
            )
        return name

    @field_validator("hostname")
    @classmethod
    def _check_hostname(cls, hostname: str) -> str:
        if not hostname.strip().isascii():
            odd = next(ch for ch in hostname if not ch.isascii())
            raise _invalid(
                hostname,
                f"contains the non-ASCII character {odd!r} (U+{ord(odd):04X}); type "
                "the hostname in ASCII, with an internationalised name in its "
                "xn-- (punycode) form.",
            )
        host = hostname.strip().lower()
        why = _hostname_shape(host) or _hostname_labels(host)
        if why is not None:
            raise _invalid(hostname, why)
        owner = builtin_hostname_owner(host)
        if owner is not None:
            raise _invalid(
                hostname,
                f"is already recognised by NVCF as the built-in {owner} registry; do "
                "not allowlist it, add registry credentials for it instead.",
            )
        return host

    @field_validator("artifact_type", mode="before")
    @classmethod
    def _check_artifact_type(cls, artifact_type: object) -> object:
        if artifact_type == "helm":
            raise _invalid(
                artifact_type,
                "is not supported yet: NVCF cannot allowlist registries for Helm-chart "
                "functions. Remove artifactType or set it to 'container'.",
            )
        if artifact_type != "container":
            raise _invalid(artifact_type, "is not an artifact type; use 'container'.")
        return artifact_type


def _hostname_shape(host: str) -> str | None:
    """Say why `host` is not a bare hostname (scheme, path, port, IP), or None."""
    if not host:
        return "is empty; set the registry's hostname, e.g. ghcr.io."
    if "://" in host:
        return f"has a scheme; use the bare hostname {_bare_host(host)!r}."
    if "/" in host:
        return (
            f"has a path; use the bare hostname {_bare_host(host)!r}: NVCF matches "
            "the registry by hostname only."
        )
    if host.startswith("[") or host.count(":") > 1:
        return (
            "is an IPv6 address; NVCF matches registries by hostname. Use the "
            "registry's DNS name."
        )
    if ":" in host and not host.rsplit(":", 1)[1].isdigit():
        return (
            "contains ':' without a port number after it; use a bare hostname such "
            "as ghcr.io."
        )
    if ":" in host:
        return (
            "has a port; NVCF drops the port from an image reference before "
            f"matching, so this entry would never match. Use {_bare_host(host)!r}: "
            "one entry covers every port."
        )
    return None


def _hostname_labels(host: str) -> str | None:
    """Say why `host` is not an RFC 1123 DNS name NVCF can match, or None."""
    if "." not in host:
        return (
            "has no dot; image references read a first segment without a dot as a "
            "Docker Hub namespace. Use the registry's full hostname."
        )
    if len(host) > HOSTNAME_MAX_LENGTH:
        return (
            f"is {len(host)} characters long; a hostname has at most "
            f"{HOSTNAME_MAX_LENGTH}."
        )
    if not HOSTNAME_PATTERN.fullmatch(host):
        labels = host.split(".")
        bad = [label for label in labels if not LABEL_PATTERN.fullmatch(label)]
        return (
            f"has the invalid label {bad[0]!r}; each dot-separated label is 1-63 "
            "letters, digits or '-', and does not start or end with '-' (RFC 1123)."
        )
    if all(label.isdigit() for label in host.split(".")):
        return (
            "is an IP address; NVCF matches registries by hostname. Use the "
            "registry's DNS name."
        )
    return None


def _bare_host(host: str) -> str:
    return host.split("://", 1)[-1].split("/", 1)[0].rsplit(":", 1)[0]


def _suggest_key(key: str) -> str:
    letters = "".join(ch for ch in key.upper() if ch.isascii() and ch.isalnum())
    letters = letters.lstrip("0123456789")
    return letters or "MYREGISTRY"
