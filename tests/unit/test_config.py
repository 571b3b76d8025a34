"""Tests for load_config: reading stack config, every problem reported at once."""

from __future__ import annotations

import json
from pathlib import Path

import pulumi
import pytest

from nvcf_allowlist import ConfigError, load_config

CHART = "tests/charts/helm-nvcf-api"
OCI = "oci://nvcr.io/nvidia/nvcf/helm-nvcf-api"
OCI_STACK = {"chart": OCI, "chartVersion": "1.4.2"}
ANNOTATION = "nvcf-allowlist/registries-sha256"
KEYS = (
    "adoptExisting, atomic, baseValues, baseValuesFiles, chart, chartVersion, "
    "createNamespace, kubeContext, kubeconfig, maxHistory, namespace, ngcApiKey, "
    "registries, releaseName, rolloutAnnotationPath, timeout, uninstallOnDestroy"
)


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Pulumi runs the program in the project folder; values files are relative to it.
    monkeypatch.chdir(tmp_path)
    return tmp_path


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
            "baseValues: 1 is set for the annotation nvcf-allowlist/registries-sha256 "
            "in base values; this program computes it. Delete it from the base values.",
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


def test_values_files_merge_in_order_under_inline(set_config, workdir: Path) -> None:
    """Values files merge in order, as helm -f does, and inline baseValues win."""
    (workdir / "values").mkdir()
    (workdir / "values" / "a.yaml").write_text(
        "api:\n  image: {tag: a}\n  env: {A: a, B: a}\n  args: [x, y]\nkeep: 1\n"
    )
    (workdir / "values" / "b.yaml").write_text("api:\n  env: {B: b}\n  args: [z]\n")
    (workdir / "values" / "empty.yaml").write_text("")
    set_config(
        {
            **OCI_STACK,
            "baseValuesFiles": ["values/a.yaml", "values/empty.yaml", "values/b.yaml"],
            "baseValues": {"api": {"image": {"tag": "inline"}, "env": {"C": "c"}}},
        }
    )

    assert load_config().release.base_values == {
        "api": {
            "image": {"tag": "inline"},
            "env": {"A": "a", "B": "b", "C": "c"},
            "args": ["z"],
        },
        "keep": 1,
    }


def test_unreadable_values_files_are_reported(set_config, workdir: Path) -> None:
    """A values file that is missing, a folder or not a map is a problem."""
    (workdir / "folder").mkdir()
    (workdir / "list.yaml").write_text("- a\n- b\n")
    files = ["missing.yaml", "folder", "list.yaml"]
    set_config({**OCI_STACK, "baseValuesFiles": files})

    assert problems() == (
        "baseValuesFiles[0]: 'missing.yaml' cannot be read (No such file or "
        "directory).",
        "baseValuesFiles[1]: 'folder' cannot be read (Is a directory).",
        "baseValuesFiles[2]: 'list.yaml' does not hold a map of values.",
    )


def test_invalid_yaml_is_one_problem_line(set_config, workdir: Path) -> None:
    """A values file that is not YAML is reported on one line, like every problem."""
    (workdir / "bad.yaml").write_text("a: [1\n")
    set_config({**OCI_STACK, "baseValuesFiles": ["bad.yaml"]})

    (problem,) = problems()

    assert problem.startswith("baseValuesFiles[0]: 'bad.yaml' is not valid YAML (")
    assert problem.splitlines() == [problem]


@pytest.mark.parametrize(
    ("key", "value"),
    [("baseValuesFiles", [1]), ("baseValuesFiles", {"a": 1}), ("baseValues", [1])],
    ids=["files-numbers", "files-map", "values-list"],
)
def test_values_keys_of_the_wrong_shape(set_config, key: str, value) -> None:
    """The values files are a list of paths and inline values are a map."""
    set_config({**OCI_STACK, key: value})
    shape = {"baseValuesFiles": "list of file paths", "baseValues": "map of values"}

    assert problems() == (f"{key}: {value!r} is not a {shape[key]}.",)


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
