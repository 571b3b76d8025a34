"""Tests for load_config's base values: files and inline values, each source checked."""

from __future__ import annotations

from pathlib import Path

import pytest

from nvcf_allowlist import ConfigError, load_config

OCI_STACK = {
    "chart": "oci://nvcr.io/nvidia/nvcf/helm-nvcf-api",
    "chartVersion": "1.4.2",
}
OWNED = (
    "sets a registry env value in base values; move this registry into `registries` "
    "(one setting owns each key) and delete it here."
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
    """A values file that is missing, a folder, not UTF-8 or not a map is a problem."""
    (workdir / "folder").mkdir()
    (workdir / "list.yaml").write_text("- a\n- b\n")
    (workdir / "latin-1.yaml").write_bytes("name: caf\xe9\n".encode("latin-1"))
    files = ["missing.yaml", "folder", "list.yaml", "latin-1.yaml", "", "  "]
    set_config({**OCI_STACK, "baseValuesFiles": files})

    assert problems() == (
        "baseValuesFiles[0]: 'missing.yaml' cannot be read (No such file or "
        "directory).",
        "baseValuesFiles[1]: 'folder' cannot be read (Is a directory).",
        "baseValuesFiles[2]: 'list.yaml' does not hold a map of values.",
        "baseValuesFiles[3]: 'latin-1.yaml' is not UTF-8 text; save it as UTF-8.",
        "baseValuesFiles[4]: '' is empty; give a values file's path.",
        "baseValuesFiles[5]: '  ' is empty; give a values file's path.",
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


def test_empty_lists_and_nulls_in_lists_are_kept(set_config, workdir: Path) -> None:
    """Empty lists and nulls inside lists, which Helm reads, are kept as written."""
    (workdir / "a.yaml").write_text("api:\n  tolerations: []\n  args: [--x, null]\n")
    set_config({**OCI_STACK, "baseValuesFiles": ["a.yaml"], "baseValues": {"x": []}})

    assert load_config().release.base_values == {
        "api": {"tolerations": [], "args": ["--x", None]},
        "x": [],
    }


def test_problems_in_every_source_are_listed_at_once(set_config, workdir) -> None:
    """Each values file and the inline values are checked, every problem named."""
    (workdir / "a.yaml").write_text(
        "api:\n  env:\n    nvcf_registries_recognized_container_x_name: X\n"
        "released: 2024-01-01\n"
    )
    (workdir / "b.yaml").write_text("api:\n  podAnnotations: none\n")
    (workdir / "c.yaml").write_text("replicas: 2\n")
    (workdir / "d.yaml").write_text("loop: &loop [*loop]\n")
    set_config(
        {
            **OCI_STACK,
            "baseValuesFiles": ["a.yaml", "b.yaml", "c.yaml", "d.yaml"],
            "baseValues": {"api": {"env": {"LOG": None}}},
            "timeout": 0,
        }
    )

    assert problems() == (
        "baseValuesFiles[0].released: datetime.date(2024, 1, 1) (date) is not a type "
        "Helm values can hold; quote it to pass it as text. (in a.yaml)",
        "baseValuesFiles[0].api.env.nvcf_registries_recognized_container_x_name: 'X' "
        f"{OWNED} (in a.yaml)",
        "baseValuesFiles[1].api.podAnnotations: 'none' is not a map, but the rollout "
        "annotation goes under api.podAnnotations; make it a map. (in b.yaml)",
        "baseValuesFiles[3].loop[0]: [[...]] refers to itself (a YAML anchor used "
        "inside its own value); Helm values cannot be recursive. Write the value out "
        "in full. (in d.yaml)",
        "baseValues.api.env.LOG: None is null; Pulumi drops null values before Helm "
        "sees them. Remove the key, or set the value you want.",
        "timeout: 0 must be a positive whole number.",
    )


@pytest.mark.parametrize(
    "name",
    [
        "nvcf_registries_recognized_container_x_name",
        "Nvcf_Registries_Recognized_Container_X_Name",
        "nvcf.registries.recognized.container.x.name",
        "NVCF-REGISTRIES-RECOGNIZED-CONTAINER-X-HOSTNAME",
    ],
    ids=["lower", "mixed-case", "dotted", "dashed"],
)
def test_owned_env_names_are_refused_in_any_spelling(set_config, workdir, name):
    """A registry env name, however spelt, is one line naming its source and path."""
    (workdir / "values.yaml").write_text(f"api:\n  env:\n    {name}: a\n")
    inline = {"api": {"env": {name: "b", "LOG": "info"}}}
    set_config({**OCI_STACK, "baseValuesFiles": ["values.yaml"], "baseValues": inline})

    assert problems() == (
        f"baseValuesFiles[0].api.env.{name}: 'a' {OWNED} (in values.yaml)",
        f"baseValues.api.env.{name}: 'b' {OWNED}",
    )


def test_an_invalid_annotation_path_is_the_only_problem(set_config, workdir) -> None:
    """When rolloutAnnotationPath is invalid, base values are not checked against it."""
    (workdir / "values.yaml").write_text("api:\n  podAnnotations: none\n")
    set_config(
        {
            **OCI_STACK,
            "rolloutAnnotationPath": "api..x",
            "baseValuesFiles": ["values.yaml"],
        }
    )

    assert problems() == (
        "rolloutAnnotationPath: 'api..x' is not a dotted value path; use e.g. "
        "api.podAnnotations.",
    )


@pytest.mark.parametrize(("secrets", "secret"), [((), False), (("baseValues",), True)])
def test_values_are_secret_when_base_values_are(
    set_config, secrets: tuple[str, ...], secret: bool
) -> None:
    """Base values set with --secret make the release's values secret."""
    set_config({**OCI_STACK, "baseValues": {"api": {"x": "1"}}}, secrets)

    assert load_config().release.secret_values is secret


def test_an_ngc_key_for_another_registry_is_reported(set_config, capsys) -> None:
    """An NGC key with a chart from elsewhere goes unused, and a warning says so."""
    chart = "oci://ghcr.io/example/helm-nvcf-api"
    set_config({**OCI_STACK, "chart": chart, "ngcApiKey": "nvapi-1"}, ["ngcApiKey"])

    load_config()

    assert capsys.readouterr().err == (
        f"warning: ngcApiKey: set, but chart {chart!r} is not pulled from nvcr.io; "
        "the key is not used.\n"
    )
