"""Tests for __main__.py: the whole program run from stack config under mocks."""

from __future__ import annotations

import runpy
from pathlib import Path

import pulumi
import pytest
import yaml

from nvcf_allowlist import ConfigError

ROOT = Path(__file__).resolve().parents[2]
MAIN = str(ROOT / "__main__.py")
PREFIX = "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_"
REGISTRY_ENV = {
    f"{PREFIX}GHCR_NAME": "GitHub Container Registry",
    f"{PREFIX}GHCR_HOSTNAME": "ghcr.io",
    f"{PREFIX}INTERNAL_NAME": "Internal Registry",
    f"{PREFIX}INTERNAL_HOSTNAME": "registry.internal.example.com",
}
# sha256sum, outside Python, of the canonical JSON of REGISTRY_ENV.
DEV_HASH = "c7fd1ec9063be6371f9d85562d7c64c40259fd1d3e7c94471a05013a6f8177eb"


def dev_config() -> dict[str, object]:
    """Return the dev stack's config as Pulumi passes it, over the project defaults."""
    project = yaml.safe_load((ROOT / "Pulumi.yaml").read_text(encoding="utf-8"))
    stack = yaml.safe_load((ROOT / "Pulumi.dev.yaml").read_text(encoding="utf-8"))
    config = {
        key: spec["default"]
        for key, spec in project["config"].items()
        if "default" in spec
    }
    for key, value in stack["config"].items():
        config[key.removeprefix("nvcf-allowlist:")] = value
    return config


@pulumi.runtime.test
def test_dev_stack_installs_the_release_with_its_allowlist(
    mocks, in_project, set_config
):
    """The dev stack renders both registries into the release and exports them."""
    set_config(dev_config())

    program = runpy.run_path(MAIN)
    exports = pulumi.runtime.get_root_resource().outputs
    provider = program["provider"]

    def check(outputs: dict[str, object]) -> None:
        provider_ref = f"{outputs.pop('_provider_urn')}::{outputs.pop('_provider_id')}"
        assert mocks.only("pulumi:providers:kubernetes").inputs == {
            "kubeconfig": ".testbed/kubeconfig"
        }
        release = mocks.only("kubernetes:helm.sh/v3:Release")
        assert release.provider == provider_ref
        assert release.inputs == {
            "name": "api",
            "namespace": "nvcf",
            "createNamespace": True,
            "chart": "tests/charts/helm-nvcf-api",
            "version": "1.0.0",
            "values": {
                "api": {
                    "fullnameOverride": "nvcf-api",
                    "image": {
                        "registry": "nvcr.io",
                        "repository": "nvidia/nvcf/nvcf-api",
                        "tag": "1.0.0",
                    },
                    "env": {
                        "SPRING_PROFILES_ACTIVE": "self-hosted",
                        "NVCF_API_LOG_LEVEL": "info",
                        "NVCF_ACCOUNT_BOOTSTRAP_ENABLED": "false",
                        **REGISTRY_ENV,
                    },
                    "podAnnotations": {"nvcf-allowlist/registries-sha256": DEV_HASH},
                }
            },
            "reuseValues": False,
            "resetValues": True,
            "allowNullValues": True,
            "maxHistory": 10,
            "timeout": 600,
            "atomic": False,
            "compat": "true",
        }
        assert outputs == {
            "registryHostnames": {
                "GHCR": "ghcr.io",
                "INTERNAL": "registry.internal.example.com",
            },
            "registryEnv": REGISTRY_ENV,
            "rolloutHash": DEV_HASH,
            "releaseStatus": {
                "revision": 3,
                "chartVersion": "1.0.0",
                "status": "deployed",
            },
        }

    return pulumi.Output.all(
        **exports, _provider_urn=provider.urn, _provider_id=provider.id
    ).apply(check)


def test_config_mistakes_stop_the_program_before_any_resource(
    mocks, in_project, set_config
) -> None:
    """A stack config with mistakes raises ConfigError and registers nothing."""
    config = dev_config()
    config["chartVersion"] = "^1.0"
    config["registries"] = [{"key": "ghcr", "name": "GHCR", "hostname": "ghcr.io"}]
    set_config(config)

    @pulumi.runtime.test
    def run() -> None:
        with pytest.raises(ConfigError) as exc:
            runpy.run_path(MAIN)
        assert exc.value.problems == (
            "registries[0].key: 'ghcr' is not a valid key; use upper-case letters "
            "and digits starting with a letter (pattern ^[A-Z][A-Z0-9]*$), "
            "e.g. 'GHCR'.",
            "chartVersion: '^1.0' is not an exact version; previews would drift "
            "whenever a chart is published. Set one version, e.g. 1.4.2.",
        )

    run()

    # Only the root stack, which set_mocks registers before the program runs.
    assert [request.type for request in mocks.requests.values()] == [
        "pulumi:pulumi:Stack"
    ]
    assert mocks.registrations == []
