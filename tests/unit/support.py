"""Helpers shared by the unit tests."""

from __future__ import annotations

from nvcf_allowlist import Registry, RegistryConfigError, parse_registries

# Written out rather than imported from the package, so tests check the package's
# constants instead of reusing them.
PREFIX = "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_"
ANNOTATION = "nvcf-allowlist/registries-sha256"
CHART = "tests/charts/helm-nvcf-api"
OCI = "oci://nvcr.io/nvidia/nvcf/helm-nvcf-api"

GHCR_ENTRY = {
    "key": "GHCR",
    "name": "GitHub Container Registry",
    "hostname": "ghcr.io",
}
"""A valid registry as stack config holds it."""

GHCR = Registry(key="GHCR", name="GitHub Container Registry", hostname="ghcr.io")
QUAY = Registry(key="QUAY", name="Régistre Ωmega", hostname="quay.io")
GHCR_ENV = {
    f"{PREFIX}GHCR_NAME": "GitHub Container Registry",
    f"{PREFIX}GHCR_HOSTNAME": "ghcr.io",
}
QUAY_ENV = {
    f"{PREFIX}QUAY_NAME": "Régistre Ωmega",
    f"{PREFIX}QUAY_HOSTNAME": "quay.io",
}


def registry_problems(entry: dict[str, object]) -> tuple[str, ...]:
    """Return the problems `parse_registries` reports for one entry, or ()."""
    try:
        parse_registries([entry])
    except RegistryConfigError as error:
        return error.problems
    return ()
