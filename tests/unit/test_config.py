"""Tests for load_config: reading stack config, every problem reported at once."""

from __future__ import annotations

import json

import pulumi
import pytest

from nvcf_allowlist import ConfigError, load_config
from tests.unit.support import ANNOTATION, CHART, OCI

OCI_STACK = {"chart": OCI, "chartVersion": "1.4.2"}
KEYS = (
    "adoptExisting, atomic, baseValues, baseValuesFiles, chart, chartVersion, "
    "createNamespace, kubeContext, kubeconfig, maxHistory, namespace, ngcApiKey, "
    "registries, releaseName, rolloutAnnotationPath, timeout, uninstallOnDestroy"
)


def problems() -> tuple[str, ...]:
    with pytest.raises(ConfigError) as exc:
        load_config()
    return exc.value.problems


def test_reports_every_mistake_at_once(set_config, in_project) -> None:
    """Mistakes across registries and other keys are listed together, in order."""
    set_config(
        {
            "chart": CHART,
            "chartVerison": "1.0.0",
            "chartVersion": "^1.0",
            "registries": [
                {"key": "my_reg", "name": "Mine", "hostname": "mine.example:5000"},
                {"key": "QUAY", "name": "Quay", "hostname": "quay.io"},
                {"key": "QUAY", "name": "Quay 2", "hostname": "quay2.io"},
            ],
            "namespace": "NVCF",
            "createNamespace": "yes",
            "timeout": 0,
            "baseValuesFiles": ["missing.yaml"],
        }
    )

    assert problems() == (
        f"chartVerison: unknown config key; the keys are {KEYS}. Fix the spelling, or "
        "remove it with pulumi config rm nvcf-allowlist:chartVerison.",
        "registries[0].key: 'my_reg' contains '_'; the NVCF API (Spring Boot) splits "
        "env names on '_' and binds only the first segment after ..._CONTAINER_, so "
        "this entry would be silently ignored. Use 'MYREG'.",
        "registries[0].hostname: 'mine.example:5000' has a port; NVCF drops the port "
        "from an image reference before matching, so this entry would never match. "
        "Use 'mine.example': one entry covers every port.",
        "registries[2].key: 'QUAY' is already used by registries[1]; each key names "
        "one registry in the API's map. Remove or rename one of them.",
        "baseValuesFiles[0]: 'missing.yaml' cannot be read (No such file or "
        "directory).",
        "chartVersion: '^1.0' is not an exact version; previews would drift whenever "
        "a chart is published. Set one version, e.g. 1.4.2.",
        "namespace: 'NVCF' is not a namespace name; use at most 63 lower-case "
        "letters, digits or '-', starting and ending with a letter or digit.",
        "createNamespace: 'yes' is not a valid bool (Input should be a valid "
        "boolean); set it with pulumi config set nvcf-allowlist:createNamespace "
        "<bool>.",
        "timeout: 0 must be a positive whole number.",
    )


@pytest.mark.parametrize(
    ("config", "cross_field"),
    [
        pytest.param(
            {"baseValues": {"api": {"podAnnotations": {ANNOTATION: 1}}}, "timeout": 0},
            "baseValues.api.podAnnotations.nvcf-allowlist/registries-sha256: 1 is set "
            "for an annotation this program computes; delete it from the base values.",
            id="annotation",
        ),
        pytest.param(
            {"chartVersion": "2.0.0", "timeout": 0},
            "chartVersion: '2.0.0' does not match the version '1.0.0' in "
            f"{CHART}/Chart.yaml; Helm installs a chart folder whatever version is "
            "requested, so set chartVersion to the folder's version.",
            id="chart-version",
        ),
    ],
)
def test_cross_field_problems_join_the_others(
    set_config, in_project, config, cross_field: str
) -> None:
    """A problem spanning two keys is listed alongside a problem in another key."""
    set_config({"chart": CHART, "chartVersion": "1.0.0", **config})

    assert problems() == (cross_field, "timeout: 0 must be a positive whole number.")


def test_unknown_keys_come_from_config_and_environment(
    set_config, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keys this program does not read are reported; other namespaces are not ours."""
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps({"nvcf-allowlist:tiemout": "1"}))
    set_config({**OCI_STACK, "Registries": "[]"})
    pulumi.runtime.set_config("kubernetes:context", "kind")

    assert problems() == tuple(
        f"{key}: unknown config key; the keys are {KEYS}. Fix the spelling, or remove "
        f"it with pulumi config rm nvcf-allowlist:{key}."
        for key in ("Registries", "tiemout")
    )


@pytest.mark.parametrize(
    ("name", "namespace", "key"),
    [
        ("nvcf-allowlst:registries", "nvcf-allowlst", "registries"),
        ("nvcf_allowlist:chart", "nvcf_allowlist", "chart"),
        ("NVCF-Allowlist:chartVersion", "NVCF-Allowlist", "chartVersion"),
        ("nvcf-alowlist:baseValues", "nvcf-alowlist", "baseValues"),
    ],
    ids=["dropped-letter", "underscore", "capitals", "single-l"],
)
def test_misspelt_namespace_is_reported(set_config, name, namespace, key) -> None:
    """A key under a look-alike of our namespace is reported with how to move it."""
    set_config(OCI_STACK)
    pulumi.runtime.set_config(name, "x")

    assert problems() == (
        f"{name}: config namespace {namespace!r} looks like a misspelling of "
        f"'nvcf-allowlist'; move the key with pulumi config rm {name} and pulumi "
        f"config set nvcf-allowlist:{key} ...",
    )


def test_other_namespaces_are_left_alone(set_config, monkeypatch) -> None:
    """Keys of providers and of Pulumi itself are not taken for misspellings."""
    other = {"kubernetes:context": "kind", "pulumi:disable-default-providers": "[]"}
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps({"aws:region": "us-east-1"}))
    set_config(OCI_STACK)
    for name, value in other.items():
        pulumi.runtime.set_config(name, value)

    assert load_config().release.chart == OCI


@pytest.mark.parametrize(
    ("config", "warning"),
    [
        pytest.param({}, "", id="default-path"),
        pytest.param({"rolloutAnnotationPath": "api.podLabels"}, "", id="known-map"),
        pytest.param(
            {"rolloutAnnotationPath": "api.template.annotations"},
            "warning: rolloutAnnotationPath: 'api.template.annotations' is not a map "
            f"in {CHART}/values.yaml; if the chart does not read it, the API pods "
            "will not roll when registries change.\n",
            id="unknown-path",
        ),
        pytest.param(
            {"rolloutAnnotationPath": "api.service.port"},
            "warning: rolloutAnnotationPath: 'api.service.port' is not a map in "
            f"{CHART}/values.yaml; if the chart does not read it, the API pods will "
            "not roll when registries change.\n",
            id="not-a-map",
        ),
        pytest.param(
            {**OCI_STACK, "rolloutAnnotationPath": "api.template.annotations"},
            "",
            id="oci-chart-unread",
        ),
    ],
)
def test_warns_when_the_local_chart_lacks_the_annotation_path(
    set_config, in_project, capsys, config, warning: str
) -> None:
    """A local chart whose values.yaml has no map at the path draws a warning."""
    set_config({"chart": CHART, "chartVersion": "1.0.0", **config})

    load_config()

    assert capsys.readouterr().err == warning


@pytest.mark.parametrize(
    ("key", "text", "value", "kind"),
    [
        ("timeout", "abc", "abc", "int"),
        ("timeout", "1.5", 1.5, "int"),
        ("maxHistory", "true", True, "int"),
        ("atomic", "1", 1, "bool"),
        ("adoptExisting", "yes", "yes", "bool"),
    ],
    ids=["timeout-text", "timeout-float", "history-bool", "atomic-one", "adopt-yes"],
)
def test_typed_keys_of_the_wrong_type(set_config, key, text, value, kind) -> None:
    """A typed key holding another type names the type and how to set it."""
    set_config({**OCI_STACK, key: text})
    word = {"int": "integer", "bool": "boolean"}[kind]

    assert problems() == (
        f"{key}: {value!r} is not a valid {kind} (Input should be a valid {word}); "
        f"set it with pulumi config set nvcf-allowlist:{key} <{kind}>.",
    )


def test_typed_keys_are_decoded_and_text_keys_kept(set_config) -> None:
    """Typed keys arrive as JSON text and are decoded; text keys stay text."""
    set_config(
        {
            **OCI_STACK,
            **{"releaseName": "123", "namespace": "true", "timeout": "30"},
            **{"maxHistory": "3", "atomic": "true", "createNamespace": "false"},
            **{"adoptExisting": "true", "uninstallOnDestroy": "null"},
        }
    )

    args = load_config().release

    assert (args.release_name, args.namespace, args.timeout) == ("123", "true", 30)
    assert (args.max_history, args.atomic, args.create_namespace) == (3, True, False)
    assert (args.adopt_existing, args.uninstall_on_destroy) == (True, False)


@pytest.mark.parametrize(
    ("text", "expected"), [("", None), ("{}", "{}")], ids=["empty", "set"]
)
def test_empty_optional_text_keys_mean_unset(set_config, text, expected) -> None:
    """An empty kubeconfig, kubeContext or ngcApiKey, their default, means unset."""
    config = {"kubeconfig": text, "kubeContext": text, "ngcApiKey": ""}
    set_config({**OCI_STACK, **config})

    stack = load_config()

    assert (stack.kubeconfig, stack.kube_context) == (expected, expected)
    assert stack.release.ngc_api_key is None


@pulumi.runtime.test
def test_ngc_api_key_is_read_as_a_secret(set_config):
    """The NGC API key reaches the args as a secret Output."""
    set_config({**OCI_STACK, "ngcApiKey": "nvapi-1"}, secrets=["ngcApiKey"])
    key = load_config().release.ngc_api_key

    async def check() -> None:
        assert (await key.is_secret(), await key.future()) == (True, "nvapi-1")

    return check()
