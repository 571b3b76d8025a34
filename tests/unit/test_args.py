"""Tests for NvcfApiReleaseArgs: the rules each component input follows."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from nvcf_allowlist import ConfigError, NvcfApiReleaseArgs, load_config

CHART = "tests/charts/helm-nvcf-api"
OCI = "oci://nvcr.io/nvidia/nvcf/helm-nvcf-api"
OWNED = "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_GHCR_NAME"
OUR_ANNOTATION = {"nvcf-allowlist/registries-sha256": "abc"}
OURS_WHY = (
    "is set for the annotation nvcf-allowlist/registries-sha256 in base values; this "
    "program computes it. Delete it from the base values."
)

Problems = Callable[..., tuple[str, ...]]


@pytest.fixture
def problems(set_config, in_project) -> Problems:
    def check(**config: object) -> tuple[str, ...]:
        set_config({"chart": CHART, "chartVersion": "1.0.0", **config})
        try:
            load_config()
        except ConfigError as error:
            return error.problems
        return ()

    return check


def test_defaults() -> None:
    """Only chart and chartVersion are required; the rest have safe defaults."""
    args = NvcfApiReleaseArgs(chart=OCI, chart_version="1.4.2")

    assert args.model_dump() == {
        "chart": OCI,
        "chart_version": "1.4.2",
        "registries": (),
        "release_name": "api",
        "namespace": "nvcf",
        "create_namespace": True,
        "base_values": {},
        "timeout": 600,
        "max_history": 10,
        "atomic": False,
        "uninstall_on_destroy": False,
        "adopt_existing": False,
        "rollout_annotation_path": "api.podAnnotations",
    }
    assert (args.ngc_api_key, args.annotation_path) == (None, ("api", "podAnnotations"))


def test_annotation_path_splits_on_dots() -> None:
    """The annotation path's keys are the dot-separated parts of the setting."""
    args = NvcfApiReleaseArgs(
        chart=OCI, chart_version="1.4.2", rollout_annotation_path="a.b_c.d-e"
    )

    assert args.annotation_path == ("a", "b_c", "d-e")


@pytest.mark.parametrize(
    "config",
    [
        pytest.param({"chart": OCI, "chartVersion": "1.4.2"}, id="oci"),
        pytest.param({"chart": OCI, "chartVersion": "v1.4.2-rc.1+b.7"}, id="oci-pre"),
        pytest.param({"chartVersion": "v1.0.0"}, id="v-prefix-local"),
        pytest.param({"releaseName": "a" * 53, "namespace": "n" * 63}, id="longest"),
        pytest.param({"releaseName": "nvcf-api.v2", "namespace": "nv-2"}, id="dots"),
        pytest.param({"timeout": 1, "maxHistory": 1}, id="smallest-numbers"),
        pytest.param({"rolloutAnnotationPath": "a.b_c.d-e"}, id="annotation-path"),
        pytest.param(
            {"baseValues": {"api": {"env": None, "podAnnotations": None}}},
            id="null-maps",
        ),
    ],
)
def test_accepts_valid_inputs(problems: Problems, config: dict[str, object]) -> None:
    """Exact versions, Helm-valid names and positive numbers are accepted."""
    assert problems(**config) == ()


@pytest.mark.parametrize(
    "version",
    ["^1.2", "~1.2.0", ">=1", "1.x", "", "1.2", "1.2.3.4", "01.2.3", "latest", "*"],
)
def test_refuses_version_ranges(problems: Problems, version: str) -> None:
    """The chart version is one exact semver version, never a range."""
    assert problems(chart=OCI, chartVersion=version) == (
        f"chartVersion: {version!r} is not an exact version; previews would drift "
        "whenever a chart is published. Set one version, e.g. 1.4.2.",
    )


@pytest.mark.parametrize("version", ["1.0.1", "2.0.0", "1.0.0-rc.1"])
def test_local_chart_version_must_match_chart_yaml(problems, version: str) -> None:
    """A chart folder is installed at its own version, so chartVersion must match."""
    assert problems(chartVersion=version) == (
        f"chartVersion: {version!r} does not match the version '1.0.0' in "
        f"{CHART}/Chart.yaml; Helm installs a chart folder whatever version is "
        "requested, so set chartVersion to the folder's version.",
    )


def test_chart_is_oci_or_a_chart_folder(problems: Problems, in_project) -> None:
    """A chart is an oci:// reference or a folder holding Chart.yaml."""
    assert problems(chart="") == (
        "chart: '' is empty; set an oci:// reference or a chart folder.",
    )
    assert problems(chart="https://charts.example.com/api") == (
        "chart: 'https://charts.example.com/api' is not an oci:// reference; use "
        "oci://<registry>/<org>/<chart>.",
    )
    assert problems(chart="tests/charts") == (
        f"chart: 'tests/charts' has no Chart.yaml (looked in {in_project}/tests/"
        "charts); point it at the chart folder, relative to the project.",
    )


@pytest.mark.parametrize(
    "name",
    ["a" * 54, "API", "-api", "api-", "api_x", "api..x", ""],
    ids=["54-chars", "upper", "lead-hyphen", "end-hyphen", "underscore", "..", "empty"],
)
def test_refuses_bad_release_names(problems: Problems, name: str) -> None:
    """A release name follows Helm's rule: a DNS subdomain of at most 53 characters."""
    assert problems(releaseName=name) == (
        f"releaseName: {name!r} is not a Helm release name; use at most 53 lower-case "
        "letters, digits, '-' or '.', starting and ending with a letter or digit.",
    )


@pytest.mark.parametrize(
    "namespace",
    ["n" * 64, "NVCF", "nv.cf", "-nvcf", ""],
    ids=["64-chars", "upper", "dot", "lead-hyphen", "empty"],
)
def test_refuses_bad_namespaces(problems: Problems, namespace: str) -> None:
    """A namespace is a DNS label of at most 63 characters."""
    assert problems(namespace=namespace) == (
        f"namespace: {namespace!r} is not a namespace name; use at most 63 lower-case "
        "letters, digits or '-', starting and ending with a letter or digit.",
    )


def test_refuses_numbers_below_one(problems: Problems) -> None:
    """The timeout and maxHistory are positive whole numbers."""
    assert problems(timeout=0, maxHistory=-1) == (
        "timeout: 0 must be a positive whole number.",
        "maxHistory: -1 must be a positive whole number.",
    )


@pytest.mark.parametrize(
    ("env", "paths"),
    [
        ({OWNED: "x"}, [f"api.env.{OWNED}"]),
        (
            {"LOG": "1", OWNED: "x", "NVCF_REGISTRIES_RECOGNIZED_A": "y"},
            [f"api.env.{OWNED}", "api.env.NVCF_REGISTRIES_RECOGNIZED_A"],
        ),
    ],
    ids=["one", "two"],
)
def test_refuses_registry_env_in_base_values(problems, env, paths) -> None:
    """Base values set no NVCF_REGISTRIES_RECOGNIZED_* env: registries own those."""
    assert problems(baseValues={"api": {"env": env}}) == (
        f"baseValues: {paths!r} set registry env values in base values; move each of "
        "those entries into registries, so one setting owns each key, and delete it "
        "from the base values.",
    )


@pytest.mark.parametrize("env", [["A=1"], "A=1", 5], ids=["list", "text", "number"])
def test_refuses_env_that_is_not_a_map(problems: Problems, env: object) -> None:
    """The api.env value is a map, as the chart expects."""
    assert problems(baseValues={"api": {"env": env}}) == (
        f"baseValues: {env!r} is the value of api.env; the chart expects a map.",
    )


@pytest.mark.parametrize("annotations", ["x", []], ids=["text", "list"])
def test_refuses_annotations_that_are_not_a_map(problems, annotations) -> None:
    """The value at the annotation path is a map of annotations."""
    assert problems(baseValues={"api": {"podAnnotations": annotations}}) == (
        f"baseValues: {annotations!r} is the value of api.podAnnotations in base "
        "values; it must be a map of annotations.",
    )


def test_refuses_our_annotation_in_base_values(problems: Problems) -> None:
    """Base values do not set the rollout annotation; the program computes it."""
    assert problems(baseValues={"api": {"podAnnotations": OUR_ANNOTATION}}) == (
        f"baseValues: 'abc' {OURS_WHY}",
    )


def test_annotation_checks_follow_the_configured_path(problems: Problems) -> None:
    """The annotation checks look at rolloutAnnotationPath, not a fixed path."""
    path = "api.template.annotations"
    elsewhere = {"podAnnotations": OUR_ANNOTATION, "template": "x"}
    ours_there = {"template": {"annotations": OUR_ANNOTATION}}
    list_there = {"template": {"annotations": ["x"]}}

    assert problems(rolloutAnnotationPath=path, baseValues={"api": elsewhere}) == ()
    assert problems(rolloutAnnotationPath=path, baseValues={"api": ours_there}) == (
        f"baseValues: 'abc' {OURS_WHY}",
    )
    assert problems(rolloutAnnotationPath=path, baseValues={"api": list_there}) == (
        f"baseValues: ['x'] is the value of {path} in base values; it must be a map "
        "of annotations.",
    )


@pytest.mark.parametrize("path", ["api..x", "api/podAnnotations", "", ".api", "api."])
def test_annotation_path_is_dotted(problems: Problems, path: str) -> None:
    """The rollout annotation path is value keys joined by dots."""
    assert problems(rolloutAnnotationPath=path) == (
        f"rolloutAnnotationPath: {path!r} is not a dotted value path; use e.g. "
        "api.podAnnotations.",
    )
