"""Tests for parse_registries: the shape of the config and every problem at once."""

from __future__ import annotations

import pulumi
import pytest

from nvcf_allowlist import ConfigError, RegistryConfigError, parse_registries
from tests.unit.support import GHCR_ENTRY as GHCR

QUAY = {"key": "QUAY", "name": "Quay", "hostname": "quay.io"}
NUMBER = "is a number where text is expected; quote it in the stack config, e.g. {}."
BOOLEAN = (
    "is a boolean where text is expected; quote it in the stack config, e.g. {} in "
    "quotes."
)


def problems(raw: object) -> tuple[str, ...]:
    try:
        parse_registries(raw)
    except RegistryConfigError as error:
        return error.problems
    return ()


@pytest.mark.parametrize("raw", [None, []], ids=["unset", "empty"])
def test_no_registries(raw: object) -> None:
    """Unset or empty config means no custom registries."""
    assert parse_registries(raw) == []


def test_keeps_config_order_and_normalised_hostnames(capsys) -> None:
    """Registries come back in config order, with hostnames lowercased."""
    registries = parse_registries([QUAY, {**GHCR, "hostname": "GHCR.IO"}])

    assert [(r.key, r.name, r.hostname, r.artifact_type) for r in registries] == [
        ("QUAY", "Quay", "quay.io", "container"),
        ("GHCR", "GitHub Container Registry", "ghcr.io", "container"),
    ]
    assert capsys.readouterr().err == (
        "warning: registries[1].hostname: 'GHCR.IO' was normalised to 'ghcr.io'.\n"
    )


@pytest.mark.parametrize(
    ("hostname", "normalised"),
    [("GHCR.io", "ghcr.io"), (" quay.io ", "quay.io"), ("A.Example", "a.example")],
    ids=["upper", "padded", "mixed"],
)
def test_normalising_a_hostname_logs_a_warning(
    hostname: str, normalised: str, capsys
) -> None:
    """A hostname is stripped and lowercased, and pulumi.log.warn reports it."""
    (registry,) = parse_registries([{**GHCR, "hostname": hostname}])

    assert registry.hostname == normalised
    assert capsys.readouterr().err == (
        f"warning: registries[0].hostname: {hostname!r} was normalised to "
        f"{normalised!r}.\n"
    )


@pytest.mark.parametrize(
    "raw", [GHCR, "ghcr.io", 3, True], ids=["object", "text", "number", "bool"]
)
def test_registries_must_be_a_list(raw: object) -> None:
    """Registries that are not a list give one problem naming the config key."""
    assert problems(raw) == (
        f"registries: {raw!r} is not a list; set a list of objects with key, name "
        "and hostname, e.g. pulumi config set --path 'registries[0].key' GHCR.",
    )


@pytest.mark.parametrize(
    "entry", ["GHCR", 1, None, ["GHCR"]], ids=["text", "number", "null", "list"]
)
def test_each_entry_must_be_an_object(entry: object) -> None:
    """An entry that is not an object is reported by its index."""
    assert problems([GHCR, entry]) == (
        f"registries[1]: {entry!r} is not an object; each entry needs key, name and "
        "hostname.",
    )


def test_missing_fields_say_how_to_set_them() -> None:
    """A missing field is reported with the pulumi config set --path that fixes it."""
    assert problems([{"key": "GHCR"}]) == (
        "registries[0].name: is required; set it with pulumi config set --path "
        "'registries[0].name' <name>.",
        "registries[0].hostname: is required; set it with pulumi config set --path "
        "'registries[0].hostname' <hostname>.",
    )


def test_unknown_fields_are_refused() -> None:
    """A field the model does not know is a problem, not silently ignored."""
    assert problems([{**GHCR, "host": "quay.io"}]) == (
        "registries[0].host: unknown field (value 'quay.io'); the fields are key, "
        "name, hostname, artifactType. Fix the spelling or remove it.",
    )


@pytest.mark.parametrize(
    ("field", "value", "hint"),
    [
        ("key", 5, NUMBER.format('"5"')),
        ("name", 1.5, NUMBER.format('"1.5"')),
        ("name", True, BOOLEAN.format("'true'")),
        ("hostname", False, BOOLEAN.format("'false'")),
        ("hostname", ["ghcr.io"], "is not text; set a string."),
        ("key", None, "is not text; set a string."),
    ],
    ids=["int-key", "float-name", "true-name", "false-hostname", "list", "null"],
)
def test_values_that_are_not_text(field: str, value: object, hint: str) -> None:
    """A number or boolean where text is expected says to quote it."""
    assert problems([{**GHCR, field: value}]) == (
        f"registries[0].{field}: {value!r} {hint}",
    )


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("key", "GHCR", "each key names one registry in the API's map"),
        (
            "name",
            GHCR["name"],
            "the API builds a map of names at start-up and a duplicate stops it",
        ),
        ("hostname", " GHCR.io", "each hostname maps to exactly one registry"),
    ],
    ids=["key", "name", "hostname-after-normalising"],
)
def test_fields_are_unique(field: str, value: str, reason: str) -> None:
    """Key, name and (normalised) hostname are each used by one entry only."""
    assert problems([GHCR, {**QUAY, field: value}]) == (
        f"registries[1].{field}: {value!r} is already used by registries[0]; "
        f"{reason}. Remove or rename one of them.",
    )


@pytest.mark.parametrize(
    "name",
    [
        "github container registry",
        "GitHub  Container Registry",
        "GITHUB CONTAINER   REGISTRY",
    ],
    ids=["lower-case", "double-space", "upper-case-and-spaces"],
)
def test_names_are_unique_ignoring_case_and_spacing(name: str) -> None:
    """Two names that read the same, whatever their case or spacing, are duplicates."""
    assert problems([GHCR, {**QUAY, "name": name}]) == (
        f"registries[1].name: {name!r} is already used by registries[0]; the API "
        "builds a map of names at start-up and a duplicate stops it. Remove or rename "
        "one of them.",
    )


def test_fields_that_failed_are_not_also_reported_as_duplicates() -> None:
    """An invalid value is reported once, even when two entries share it."""
    assert problems([{**GHCR, "key": "MY_REG"}, {**QUAY, "key": "MY_REG"}]) == tuple(
        f"registries[{index}].key: 'MY_REG' contains '_'; the NVCF API (Spring Boot) "
        "splits env names on '_' and binds only the first segment after "
        "..._CONTAINER_, so this entry would be silently ignored. Use 'MYREG'."
        for index in (0, 1)
    )


def test_several_mistakes_are_reported_together_in_order() -> None:
    """Every problem of every entry is listed in one error, in config order."""
    raw = [
        {"key": "ghcr", "name": " GitHub ", "hostname": "ghcr.io"},
        "quay.io",
        {"key": "QUAY", "name": "Quay", "hostname": "GHCR.IO", "artifactType": "helm"},
    ]

    with pytest.raises(RegistryConfigError) as exc:
        parse_registries(raw)

    assert exc.value.problems == (
        "registries[0].key: 'ghcr' is not a valid key; use upper-case letters and "
        "digits starting with a letter (pattern ^[A-Z][A-Z0-9]*$), e.g. 'GHCR'.",
        "registries[0].name: ' GitHub ' has spaces at its ends; use 'GitHub'.",
        "registries[1]: 'quay.io' is not an object; each entry needs key, name and "
        "hostname.",
        "registries[2].artifactType: 'helm' is not supported yet: NVCF cannot "
        "allowlist registries for Helm-chart functions. Remove artifactType or set "
        "it to 'container'.",
        "registries[2].hostname: 'GHCR.IO' is already used by registries[0]; each "
        "hostname maps to exactly one registry. Remove or rename one of them.",
    )
    assert isinstance(exc.value, ConfigError)
    assert isinstance(exc.value, pulumi.RunError)


@pytest.mark.parametrize(
    ("problem_list", "message"),
    [
        (["a: x"], "stack config has 1 problem; nothing was changed:\n  a: x"),
        (
            ["a: x", "b[0].c: y"],
            "stack config has 2 problems; nothing was changed:\n  a: x\n  b[0].c: y",
        ),
    ],
    ids=["one", "two"],
)
def test_error_message_lists_problems_under_a_header(
    problem_list: list[str], message: str
) -> None:
    """The message is a counted header, then each problem indented two spaces."""
    error = RegistryConfigError(iter(problem_list))

    assert str(error) == message
    assert error.problems == tuple(problem_list)
