"""Tests for the NvcfApiRelease component, run against recording Pulumi mocks."""

from __future__ import annotations

import json

import pulumi
import pulumi_kubernetes as kubernetes
import pytest

from nvcf_allowlist import NvcfApiRelease, NvcfApiReleaseArgs
from tests.unit.support import ANNOTATION, CHART, GHCR, GHCR_ENV, OCI

RELEASE = "kubernetes:helm.sh/v3:Release"
# How the mock monitor hands a secret input to new_resource.
SECRET = {"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270"}
LOGIN = {**SECRET, "value": {"username": "$oauthtoken", "password": "nvapi-1"}}
# sha256sum of the canonical JSON of GHCR_ENV, and of "{}", computed outside Python.
GHCR_HASH = "8c5b96d2d36207b601b45946c7c357cb5026b65a6f5343fe38adbf68db0190d5"
EMPTY_HASH = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"


def oci_args(**fields: object) -> NvcfApiReleaseArgs:
    defaults = {"chart": OCI, "chart_version": "1.4.2", "registries": (GHCR,)}
    return NvcfApiReleaseArgs.model_validate({**defaults, **fields})


@pulumi.runtime.test
def test_release_inputs_carry_the_merged_values(mocks, in_project):
    """The Release gets every setting and the base values with env and hash merged."""
    args = NvcfApiReleaseArgs(
        chart=CHART,
        chart_version="v1.0.0",
        registries=(GHCR,),
        release_name="nvcf-api",
        namespace="platform",
        create_namespace=False,
        base_values={"api": {"env": {"LOG": "info"}, "replicaCount": 2}, "x": [1]},
        timeout=120,
        max_history=3,
        atomic=True,
    )
    api = NvcfApiRelease("nvcf-api", args)

    def check(_: object) -> None:
        assert mocks.only(RELEASE).inputs == {
            "name": "nvcf-api",
            "namespace": "platform",
            "createNamespace": False,
            "chart": CHART,
            "version": "1.0.0",
            "values": {
                "api": {
                    "env": {"LOG": "info", **GHCR_ENV},
                    "replicaCount": 2,
                    "podAnnotations": {ANNOTATION: GHCR_HASH},
                },
                "x": [1],
            },
            "reuseValues": False,
            "resetValues": True,
            "allowNullValues": True,
            "maxHistory": 3,
            "timeout": 120,
            "atomic": True,
            # Set by pulumi-kubernetes itself on every Release.
            "compat": "true",
        }

    return api.status.apply(check)


@pulumi.runtime.test
def test_an_empty_allowlist_still_stamps_the_hash(mocks):
    """With no registries the env adds nothing and the hash is that of '{}'."""
    api = NvcfApiRelease("nvcf-api", oci_args(registries=()))

    def check(_: object) -> None:
        assert mocks.only(RELEASE).inputs["values"] == {
            "api": {"env": {}, "podAnnotations": {ANNOTATION: EMPTY_HASH}}
        }

    return api.status.apply(check)


@pulumi.runtime.test
def test_values_from_a_secret_stay_secret(mocks):
    """When base values come from a secret, the Release gets its values as a secret."""
    api = NvcfApiRelease("nvcf-api", oci_args(registries=(), secret_values=True))

    def check(_: object) -> None:
        assert mocks.only(RELEASE).inputs["values"] == {
            **SECRET,
            "value": {"api": {"env": {}, "podAnnotations": {ANNOTATION: EMPTY_HASH}}},
        }

    return api.status.apply(check)


@pulumi.runtime.test
def test_empty_lists_and_nulls_in_lists_reach_the_release(mocks):
    """Base values Helm reads as "replace the default" reach the Release unchanged."""
    base = {"api": {"tolerations": [], "args": ["--x", None]}, "extra": []}
    api = NvcfApiRelease("nvcf-api", oci_args(registries=(), base_values=base))

    def check(_: object) -> None:
        inputs = mocks.only(RELEASE).inputs
        assert inputs["allowNullValues"] is True
        assert inputs["values"] == {
            "api": {
                "tolerations": [],
                "args": ["--x", None],
                "env": {},
                "podAnnotations": {ANNOTATION: EMPTY_HASH},
            },
            "extra": [],
        }

    return api.status.apply(check)


@pytest.mark.parametrize(
    ("chart", "key", "expected"),
    [
        pytest.param(OCI, "nvapi-1", LOGIN, id="oci-with-key"),
        pytest.param(CHART, "nvapi-1", None, id="folder-with-key"),
        pytest.param(OCI, None, None, id="oci-without-key"),
        pytest.param("oci://canary.nvcr.io/nv/api", "nvapi-1", LOGIN, id="nvcr-sub"),
        pytest.param("oci://NVCR.IO:443/nv/api", "nvapi-1", LOGIN, id="nvcr-port"),
        pytest.param("oci://ghcr.io/acme/api", "nvapi-1", None, id="oci-not-nvcr"),
        pytest.param("oci://nvcr.io.example/x/api", "nvapi-1", None, id="nvcr-prefix"),
        pytest.param("oci://evilnvcr.io/x/api", "nvapi-1", None, id="nvcr-suffix"),
        pytest.param("oci://ghcr.io/nvcr.io/api", "nvapi-1", None, id="nvcr-in-path"),
    ],
)
@pulumi.runtime.test
def test_ngc_key_is_a_secret_login_for_nvcr_charts_only(
    mocks, in_project, chart, key, expected
):
    """The NGC key is a secret $oauthtoken login sent to nvcr.io and *.nvcr.io only."""
    version = "1.0.0" if chart == CHART else "1.4.2"
    secret = None if key is None else pulumi.Output.secret(key)
    api = NvcfApiRelease(
        "nvcf-api", oci_args(chart=chart, chart_version=version, ngc_api_key=secret)
    )

    def check(_: object) -> None:
        inputs = dict(mocks.only(RELEASE).inputs)
        assert inputs.pop("repositoryOpts", None) == expected
        assert "nvapi-1" not in json.dumps(inputs)

    return api.status.apply(check)


@pytest.mark.parametrize(
    ("fields", "retain", "import_id"),
    [
        pytest.param({}, True, "", id="defaults"),
        pytest.param({"uninstall_on_destroy": True}, False, "", id="uninstall"),
        pytest.param({"adopt_existing": True}, True, "nvcf/api", id="adopt"),
        pytest.param(
            {"adopt_existing": True, "namespace": "platform", "release_name": "x"},
            True,
            "platform/x",
            id="adopt-named",
        ),
    ],
)
@pulumi.runtime.test
def test_release_is_kept_on_destroy_and_adopted_on_request(
    mocks, fields, retain: bool, import_id: str
):
    """The release outlives destroy unless asked, and adopts <namespace>/<name>."""
    api = NvcfApiRelease("nvcf-api", oci_args(**fields))

    def check(_: object) -> None:
        # new_resource never sees retainOnDelete; the monitor's raw request has it.
        request = mocks.requests["nvcf-api-release"]
        assert request.HasField("retainOnDelete")
        assert request.retainOnDelete is retain
        assert mocks.only(RELEASE).resource_id == import_id

    return api.status.apply(check)


@pulumi.runtime.test
def test_release_is_a_child_using_the_given_provider(mocks):
    """The component parents the one Release, which uses the provider passed in."""
    provider = kubernetes.Provider("k8s", kubeconfig="kubeconfig.yaml")
    api = NvcfApiRelease(
        "nvcf-api", oci_args(), pulumi.ResourceOptions(providers=[provider])
    )

    def check(urns: list[str]) -> None:
        component_urn, provider_urn, provider_id = urns
        assert [(r.typ, r.name, r.custom) for r in mocks.registrations] == [
            ("pulumi:providers:kubernetes", "k8s", True),
            ("nvcf-allowlist:index:NvcfApiRelease", "nvcf-api", False),
            (RELEASE, "nvcf-api-release", True),
        ]
        assert mocks.requests["nvcf-api-release"].parent == component_urn
        assert mocks.only(RELEASE).provider == f"{provider_urn}::{provider_id}"

    return pulumi.Output.all(api.urn, provider.urn, provider.id, api.status).apply(
        lambda values: check(values[:3])
    )


@pulumi.runtime.test
def test_outputs_describe_the_allowlist_and_the_release(mocks):
    """The outputs are the hostnames, env, rollout hash and the release's status."""
    api = NvcfApiRelease("nvcf-api", oci_args())

    def check(outputs: list[object]) -> None:
        assert outputs == [
            {"GHCR": "ghcr.io"},
            GHCR_ENV,
            GHCR_HASH,
            {"revision": 3, "chartVersion": "1.0.0", "status": "deployed"},
        ]

    return pulumi.Output.all(
        api.registry_hostnames, api.registry_env, api.rollout_hash, api.status
    ).apply(check)
