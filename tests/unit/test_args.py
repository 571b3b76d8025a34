"""Tests for NvcfApiReleaseArgs: the rules each component input follows."""

from __future__ import annotations

import pytest

from nvcf_allowlist import NvcfApiReleaseArgs
from tests.unit.support import OCI

OWNED = "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_GHCR_NAME"
OUR_ANNOTATION = {"nvcf-allowlist/registries-sha256": "abc"}
OURS = (
    "'abc' is set for an annotation this program computes; delete it from the base "
    "values."
)
OWNED_WHY = (
    "sets a registry env value in base values; move this registry into `registries` "
    "(one setting owns each key) and delete it here."
)


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
        "secret_values": False,
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
        pytest.param({"timeout": 86_400, "maxHistory": 10_000}, id="largest-numbers"),
        pytest.param({"rolloutAnnotationPath": "a.b_c.d-e"}, id="annotation-path"),
        pytest.param(
            {"baseValues": {"api": {"env": {}, "podAnnotations": {"a": "b"}}}},
            id="empty-env-own-annotation",
        ),
    ],
)
def test_accepts_valid_inputs(problems, config: dict[str, object]) -> None:
    """Exact versions, Helm-valid names and numbers within bounds are accepted."""
    assert problems(**config) == ()


@pytest.mark.parametrize(
    "name",
    ["a" * 54, "API", "-api", "api-", "api_x", "api..x", "", "api\n"],
    ids=[
        *("54-chars", "upper", "lead-hyphen", "end-hyphen", "underscore", ".."),
        *("empty", "trailing-newline"),
    ],
)
def test_refuses_bad_release_names(problems, name: str) -> None:
    """A release name follows Helm's rule: a DNS subdomain of at most 53 characters."""
    assert problems(releaseName=name) == (
        f"releaseName: {name!r} is not a Helm release name; use at most 53 lower-case "
        "letters, digits, '-' or '.', starting and ending with a letter or digit.",
    )


@pytest.mark.parametrize(
    "namespace",
    ["n" * 64, "NVCF", "nv.cf", "-nvcf", "", "nvcf\n"],
    ids=["64-chars", "upper", "dot", "lead-hyphen", "empty", "trailing-newline"],
)
def test_refuses_bad_namespaces(problems, namespace: str) -> None:
    """A namespace is a DNS label of at most 63 characters."""
    assert problems(namespace=namespace) == (
        f"namespace: {namespace!r} is not a namespace name; use at most 63 lower-case "
        "letters, digits or '-', starting and ending with a letter or digit.",
    )


def test_refuses_numbers_below_one(problems) -> None:
    """The timeout and maxHistory are positive whole numbers."""
    assert problems(timeout=0, maxHistory=-1) == (
        "timeout: 0 must be a positive whole number.",
        "maxHistory: -1 must be a positive whole number.",
    )


def test_refuses_numbers_above_their_limit(problems) -> None:
    """The timeout is at most a day in seconds and maxHistory at most 10,000."""
    assert problems(timeout=86_401, maxHistory=10_001) == (
        "timeout: 86401 is more than 86,400; use a smaller number.",
        "maxHistory: 10001 is more than 10,000; use a smaller number.",
    )


@pytest.mark.parametrize(
    ("env", "owned"),
    [
        ({OWNED: "x"}, [(OWNED, "x")]),
        (
            {"LOG": "1", OWNED: "x", "NVCF_REGISTRIES_RECOGNIZED_A": "y"},
            [(OWNED, "x"), ("NVCF_REGISTRIES_RECOGNIZED_A", "y")],
        ),
    ],
    ids=["one", "two"],
)
def test_refuses_registry_env_in_base_values(problems, env, owned) -> None:
    """Each NVCF_REGISTRIES_RECOGNIZED_* env in base values is its own problem."""
    assert problems(baseValues={"api": {"env": env}}) == tuple(
        f"baseValues.api.env.{name}: {value!r} {OWNED_WHY}" for name, value in owned
    )


@pytest.mark.parametrize("env", [["A=1"], "A=1", 5], ids=["list", "text", "number"])
def test_refuses_env_that_is_not_a_map(problems, env: object) -> None:
    """The api.env value is a map, since the registry env is merged into it."""
    assert problems(baseValues={"api": {"env": env}}) == (
        f"baseValues.api.env: {env!r} is not a map, but the registry env goes under "
        "api.env; make it a map.",
    )


@pytest.mark.parametrize("annotations", ["x", []], ids=["text", "list"])
def test_refuses_annotations_that_are_not_a_map(problems, annotations) -> None:
    """The value at the annotation path is a map, since the hash is merged into it."""
    assert problems(baseValues={"api": {"podAnnotations": annotations}}) == (
        f"baseValues.api.podAnnotations: {annotations!r} is not a map, but the "
        "rollout annotation goes under api.podAnnotations; make it a map.",
    )


def test_refuses_our_annotation_in_base_values(problems) -> None:
    """Base values do not set the rollout annotation; the program computes it."""
    assert problems(baseValues={"api": {"podAnnotations": OUR_ANNOTATION}}) == (
        f"baseValues.api.podAnnotations.nvcf-allowlist/registries-sha256: {OURS}",
    )


def test_annotation_checks_follow_the_configured_path(problems) -> None:
    """The annotation checks look at rolloutAnnotationPath, not a fixed path."""
    path = "api.template.annotations"
    elsewhere = {"podAnnotations": OUR_ANNOTATION}
    ours_there = {"template": {"annotations": OUR_ANNOTATION}}
    text_on_the_way = {"template": "x"}

    assert problems(rolloutAnnotationPath=path, baseValues={"api": elsewhere}) == ()
    assert problems(rolloutAnnotationPath=path, baseValues={"api": ours_there}) == (
        f"baseValues.{path}.nvcf-allowlist/registries-sha256: {OURS}",
    )
    assert problems(
        rolloutAnnotationPath=path, baseValues={"api": text_on_the_way}
    ) == (
        f"baseValues.api.template: 'x' is not a map, but the rollout annotation goes "
        f"under {path}; make it a map.",
    )


@pytest.mark.parametrize(
    "path",
    ["api..x", "api/podAnnotations", "", ".api", "api.", "api.podAnnotations\n"],
    ids=["double-dot", "slash", "empty", "lead-dot", "end-dot", "trailing-newline"],
)
def test_annotation_path_is_dotted(problems, path: str) -> None:
    """The rollout annotation path is value keys joined by dots."""
    assert problems(rolloutAnnotationPath=path) == (
        f"rolloutAnnotationPath: {path!r} is not a dotted value path; use e.g. "
        "api.podAnnotations.",
    )
