"""Fixtures of the end-to-end tier: one testbed per session, a project per test."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.harness import ROOT, Kube, Project, dev_like_config

TOOLS = (
    "pulumi",
    "kubectl",
    "helm",
    "kube-apiserver",
    "kwok",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def kube(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Kube]:
    """Start a testbed cluster for the session and stop exactly its processes after."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        raise RuntimeError(
            f"{', '.join(missing)} not on PATH; run the tests with scripts/test.sh, "
            "which builds the tools and sets PATH."
        )
    state = tmp_path_factory.mktemp("testbed")
    script = str(ROOT / "scripts" / "testbed.sh")
    subprocess.run([script, "start", str(state)], check=True, timeout=600)
    try:
        yield Kube(state / "kubeconfig")
    finally:
        subprocess.run([script, "stop", str(state)], check=False, timeout=120)


@pytest.fixture
def project(
    kube: Kube, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Project]:
    """A fresh copy of the program with its own backend and stack."""
    stack = re.sub(r"[^a-z0-9-]", "-", request.node.name.lower())[:40].strip("-")
    yield Project.create(tmp_path / "project", stack, kube)


@pytest.fixture
def deployed(project: Project) -> Project:
    """The dev-like stack, applied with `pulumi up` into a namespace of its own."""
    project.write_config(dev_like_config(project.kube.kubeconfig, project.stack))
    project.pulumi("up", "--yes")
    return project
