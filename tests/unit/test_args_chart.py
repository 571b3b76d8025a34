"""Tests for NvcfApiReleaseArgs' chart and chartVersion, as Helm reads them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.unit.support import CHART, OCI

NOT_EXACT = (
    "is not an exact version; previews would drift whenever a chart is published. "
    "Set one version, e.g. 1.4.2."
)
UNQUOTED = " If you wrote it unquoted, YAML read it as a number: quote it."
INCOMPLETE = (
    "is not a complete oci:// reference; Helm needs a registry and a repository: "
    "oci://<registry>/<org>/<chart>."
)


@pytest.fixture
def chart_copy(tmp_path: Path, in_project: Path) -> Path:
    # A copy of the test chart whose Chart.yaml a test may rewrite.
    return Path(shutil.copytree(in_project / CHART, tmp_path / "chart"))


def test_chart_is_oci_or_a_chart_folder(problems, in_project) -> None:
    """A chart is an oci:// reference or a folder holding Chart.yaml."""
    assert problems(chart="") == (
        "chart: '' is empty; set an oci:// reference or a chart folder.",
    )
    assert problems(chart="https://charts.example.com/api") == (
        f"chart: 'https://charts.example.com/api' {INCOMPLETE}",
    )
    assert problems(chart="tests/charts") == (
        f"chart: 'tests/charts' has no Chart.yaml (looked in {in_project}/tests/"
        "charts); point it at the chart folder, relative to the project.",
    )


@pytest.mark.parametrize(
    "chart",
    ["oci://", "oci://nvcr.io", "oci://nvcr.io/", "oci://nvcr.io:5000"],
    ids=["scheme-only", "registry-only", "empty-repository", "registry-port-only"],
)
def test_refuses_oci_references_without_a_repository(problems, chart: str) -> None:
    """An oci:// reference names a registry and a repository in it."""
    assert problems(chart=chart, chartVersion="1.4.2") == (
        f"chart: {chart!r} {INCOMPLETE}",
    )


@pytest.mark.parametrize(
    "chart", [OCI, "oci://localhost:5000/charts/api"], ids=["ngc", "registry-port"]
)
def test_accepts_oci_references_with_a_repository(problems, chart: str) -> None:
    """An oci:// reference with a registry, optional port and repository is valid."""
    assert problems(chart=chart, chartVersion="1.4.2") == ()


@pytest.mark.parametrize(
    "version",
    ["^1.2", "~1.2.0", ">=1", "1.x", "", "1", "1.2.3.4", "01.2.3", "latest", "*"],
)
def test_refuses_version_ranges(problems, version: str) -> None:
    """The chart version is one exact semver version, never a range."""
    assert problems(chart=OCI, chartVersion=version) == (
        f"chartVersion: {version!r} {NOT_EXACT}",
    )


@pytest.mark.parametrize("version", ["1.1", "1.2", "1.10", "10.0"])
def test_two_part_versions_hint_at_unquoted_yaml(problems, version: str) -> None:
    """A version that looks like a YAML number says to quote it."""
    assert problems(chart=OCI, chartVersion=version) == (
        f"chartVersion: {version!r} {NOT_EXACT}{UNQUOTED}",
    )


def test_refuses_a_version_with_a_trailing_newline(problems) -> None:
    """A version followed by a newline is not an exact version."""
    assert problems(chart=OCI, chartVersion="1.4.2\n") == (
        f"chartVersion: '1.4.2\\n' {NOT_EXACT}",
    )


@pytest.mark.parametrize("version", ["1.0.1", "2.0.0", "1.0.0-rc.1"])
def test_local_chart_version_must_match_chart_yaml(problems, version: str) -> None:
    """A chart folder is installed at its own version, so chartVersion must match."""
    assert problems(chartVersion=version) == (
        f"chartVersion: {version!r} does not match the version '1.0.0' in "
        f"{CHART}/Chart.yaml; Helm installs a chart folder whatever version is "
        "requested, so set chartVersion to the folder's version.",
    )


@pytest.mark.parametrize(
    "content",
    [
        b"apiVersion: v2\nname: api\nversion: [1.0.0\n",
        "apiVersion: v2\nname: api\nversion: 1.0.0\ndescription: caf\xe9\n".encode(
            "latin-1"
        ),
        b"apiVersion: v2\nname: api\n",
        b"apiVersion: v2\nname: api\nversion: [1.0.0]\n",
        b"- version: 1.0.0\n",
    ],
    ids=["malformed-yaml", "not-utf-8", "no-version", "version-list", "not-a-map"],
)
def test_unreadable_chart_yaml_is_a_problem(problems, chart_copy, content) -> None:
    """A Chart.yaml that cannot be read, or has no version, cannot be checked."""
    (chart_copy / "Chart.yaml").write_bytes(content)

    assert problems(chart=str(chart_copy), chartVersion="1.0.0") == (
        f"chartVersion: '1.0.0' cannot be checked: {chart_copy}/Chart.yaml is "
        "unreadable or has no version. Fix the chart's Chart.yaml.",
    )


def test_chart_yaml_version_is_read_as_written(problems, chart_copy) -> None:
    """An unquoted version: 1.10 in Chart.yaml stays '1.10', as Helm reads it."""
    (chart_copy / "Chart.yaml").write_text("apiVersion: v2\nname: api\nversion: 1.10\n")

    assert problems(chart=str(chart_copy), chartVersion="1.1.0") == (
        f"chartVersion: '1.1.0' does not match the version '1.10' in {chart_copy}/"
        "Chart.yaml; Helm installs a chart folder whatever version is requested, so "
        "set chartVersion to the folder's version.",
    )


@pytest.mark.parametrize("declared", ["1.2.3", "1.10"], ids=["semver", "two-part"])
def test_version_a_mismatch_asks_for_is_accepted(problems, chart_copy, declared):
    """Setting chartVersion to the version a mismatch message names is accepted."""
    (chart_copy / "Chart.yaml").write_text(
        f"apiVersion: v2\nname: api\nversion: {declared}\n"
    )

    assert problems(chart=str(chart_copy), chartVersion="9.9.9") == (
        f"chartVersion: '9.9.9' does not match the version {declared!r} in "
        f"{chart_copy}/Chart.yaml; Helm installs a chart folder whatever version is "
        "requested, so set chartVersion to the folder's version.",
    )
    assert problems(chart=str(chart_copy), chartVersion=declared) == ()


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("1.10", ()),
        ("v1.10", ()),
        ("1.1", (f"chartVersion: '1.1' {NOT_EXACT}{UNQUOTED}",)),
        ("1.100", (f"chartVersion: '1.100' {NOT_EXACT}{UNQUOTED}",)),
    ],
    ids=["as-declared", "v-prefix", "yaml-number", "longer"],
)
def test_a_two_part_version_passes_only_as_declared(
    problems, chart_copy, version: str, expected: tuple[str, ...]
) -> None:
    """A two-part chartVersion is accepted only when it equals the folder's version."""
    (chart_copy / "Chart.yaml").write_text("apiVersion: v2\nname: api\nversion: 1.10\n")

    assert problems(chart=str(chart_copy), chartVersion=version) == expected
