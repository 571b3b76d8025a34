"""Tests for values_problems: base values Pulumi and Helm cannot take as they are."""

from __future__ import annotations

import pytest
import yaml

from nvcf_allowlist.values import values_problems

PATH = ("api", "podAnnotations")
NULL = (
    "None is null; Pulumi drops null values before Helm sees them. Remove the key, "
    "or set the value you want."
)
CANNOT_HOLD = "is not a type Helm values can hold; quote it to pass it as text."
TEXT_KEYS = "is used as a key; Helm values have text keys. Quote it."
OWNED = (
    "sets a registry env value in base values; move this registry into `registries` "
    "(one setting owns each key) and delete it here."
)
SELF = (
    "refers to itself (a YAML anchor used inside its own value); Helm values cannot "
    "be recursive. Write the value out in full."
)
BEYOND = (
    "is beyond ±2**53, which Pulumi cannot carry exactly; quote it if the chart "
    "takes text."
)
ENV_NOT_A_MAP = "is not a map, but the registry env goes under api.env; make it a map."
ANNOTATIONS_NOT_A_MAP = (
    "is not a map, but the rollout annotation goes under api.podAnnotations; make it "
    "a map."
)


def found(document: str, path: tuple[str, ...] | None = PATH) -> list[tuple[str, str]]:
    return values_problems(yaml.safe_load(document), path)


@pytest.mark.parametrize(
    "document",
    [
        "a: [1, null]\n",
        "a: []\n",
        "a: {}\n",
        "a: {b: [[], [null]]}\n",
        "n: 9007199254740992\n",
        "x: [true, 1.5, '2024-01-01', text]\n",
        "api: {env: {LOG: info}, podAnnotations: {a: b}}\n",
        "api: {env: {NVCF_OTHER: x, REGISTRIES_RECOGNIZED: y}}\n",
    ],
    ids=[
        *("null-in-list", "empty-list", "empty-map", "nested-lists", "2**53"),
        *("scalars", "env-and-annotations", "unowned-env"),
    ],
)
def test_accepts_values_helm_takes_unchanged(document: str) -> None:
    """Nulls inside lists, empty lists and maps, and plain scalars are accepted."""
    assert found(document) == []


@pytest.mark.parametrize(
    ("document", "where"),
    [
        ("a: null\n", ["a"]),
        ("a: {b: ~}\n", ["a.b"]),
        ("a: [{b: null}]\n", ["a[0].b"]),
        ("api: {env: null, podAnnotations: null}\n", ["api.env", "api.podAnnotations"]),
    ],
    ids=["top-level", "nested", "map-in-list", "env-and-annotations"],
)
def test_refuses_nulls_in_maps(document: str, where: list[str]) -> None:
    """A null map value is refused, since Pulumi drops it before Helm sees it."""
    assert found(document) == [(path, NULL) for path in where]


@pytest.mark.parametrize(
    ("document", "where", "message"),
    [
        ("d: 2024-01-01\n", "d", f"datetime.date(2024, 1, 1) (date) {CANNOT_HOLD}"),
        (
            "t: 2024-01-01T10:00:00\n",
            "t",
            f"datetime.datetime(2024, 1, 1, 10, 0) (datetime) {CANNOT_HOLD}",
        ),
        ("b: !!binary aGk=\n", "b", f"b'hi' (bytes) {CANNOT_HOLD}"),
        ("s: !!set {a}\n", "s", f"{{'a'}} (set) {CANNOT_HOLD}"),
        (
            "l: [x, [2024-01-01]]\n",
            "l[1][0]",
            f"datetime.date(2024, 1, 1) (date) {CANNOT_HOLD}",
        ),
    ],
    ids=["date", "datetime", "bytes", "set", "date-in-nested-list"],
)
def test_refuses_values_that_are_not_json(document: str, where, message) -> None:
    """Dates, bytes and sets are refused with a hint to quote them as text."""
    assert found(document) == [(where, message)]


@pytest.mark.parametrize(
    ("document", "where", "message"),
    [
        ("1: x\n", "1", f"1 (int) {TEXT_KEYS}"),
        ("a: {1.5: x}\n", "a.1.5", f"1.5 (float) {TEXT_KEYS}"),
        ("yes: x\n", "True", f"True (bool) {TEXT_KEYS}"),
        (
            "k: {2024-01-01: x}\n",
            "k.2024-01-01",
            f"datetime.date(2024, 1, 1) (date) {TEXT_KEYS}",
        ),
    ],
    ids=["int", "float", "yaml-1.1-yes", "date"],
)
def test_refuses_keys_that_are_not_text(document: str, where, message) -> None:
    """A key YAML reads as a number, boolean or date is refused: Helm keys are text."""
    assert found(document) == [(where, message)]


@pytest.mark.parametrize(
    "number", ["9007199254740993", "-9007199254740993"], ids=["positive", "negative"]
)
def test_refuses_integers_pulumi_cannot_carry_exactly(number: str) -> None:
    """Integers beyond ±2**53, which a 64-bit float cannot hold, are refused."""
    assert found(f"n: {number}\n") == [("n", f"{number} {BEYOND}")]


@pytest.mark.parametrize(
    ("document", "where", "value"),
    [
        ("a: &x [1, *x]\n", "a[1]", "[1, [...]]"),
        ("a: &x {b: {c: *x}}\n", "a.b.c", "{'b': {'c': {...}}}"),
    ],
    ids=["list", "map"],
)
def test_reports_a_self_referencing_anchor(document: str, where: str, value) -> None:
    """A YAML anchor used inside its own value is reported, not a RecursionError."""
    assert found(document) == [(where, f"{value} {SELF}")]


def test_self_reference_message_starts_with_the_value() -> None:
    """The self-reference message starts with the bad value's repr, like the rest."""
    values = yaml.safe_load("a: &x [1, *x]\n")

    problems = values_problems(values, PATH)

    assert problems == [("a[1]", f"{values['a'][1]!r} {SELF}")]


@pytest.mark.parametrize(
    ("document", "expected"),
    [
        (
            "api: x\n",
            [("api", f"'x' {ENV_NOT_A_MAP}"), ("api", f"'x' {ANNOTATIONS_NOT_A_MAP}")],
        ),
        ("api: {env: [A=1]}\n", [("api.env", f"['A=1'] {ENV_NOT_A_MAP}")]),
        (
            "api: {podAnnotations: 5}\n",
            [("api.podAnnotations", f"5 {ANNOTATIONS_NOT_A_MAP}")],
        ),
    ],
    ids=["api", "api.env", "annotation-path"],
)
def test_refuses_values_a_merge_would_replace(document: str, expected) -> None:
    """A non-map on the env or annotation path is refused, not silently replaced."""
    assert found(document) == expected


@pytest.mark.parametrize(
    "name",
    [
        "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_X_NAME",
        "nvcf_registries_recognized_container_x_name",
        "Nvcf_Registries_Recognized_Container_X_Hostname",
        "nvcf.registries.recognized.container.x.name",
        "NVCF-REGISTRIES-RECOGNIZED-CONTAINER-X-NAME",
        "nvcf.registries-recognized_X",
    ],
    ids=["upper", "lower", "mixed-case", "dotted", "dashed", "mixed-separators"],
)
def test_refuses_owned_env_names_in_any_spelling(name: str) -> None:
    """An env name Spring Boot would bind as a registry is refused, however spelt."""
    assert found(f"api: {{env: {{{name}: x}}}}\n") == [
        (f"api.env.{name}", f"'x' {OWNED}")
    ]


def test_refuses_the_rollout_annotation_where_the_path_points() -> None:
    """The rollout annotation is refused at the configured path only."""
    document = "api: {podAnnotations: {nvcf-allowlist/registries-sha256: abc}}\n"

    assert found(document) == [
        (
            "api.podAnnotations.nvcf-allowlist/registries-sha256",
            "'abc' is set for an annotation this program computes; delete it from "
            "the base values.",
        )
    ]
    assert found(document, ("pod", "annotations")) == []


def test_an_invalid_annotation_path_skips_the_annotation_checks() -> None:
    """With no valid annotation path, only the other checks run."""
    document = "api: {podAnnotations: x, env: [A]}\n"

    assert found(document, None) == [("api.env", f"['A'] {ENV_NOT_A_MAP}")]
