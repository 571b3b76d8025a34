"""With the API server down, preview still reviews config and up fails cleanly."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.harness import (
    ROOT,
    Kube,
    Project,
    dev_like_config,
    diff_kinds,
    env_of,
    preview_json,
    release_step,
)

TESTBED = str(ROOT / "scripts" / "testbed.sh")
QUAY_HOSTNAME = "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_QUAY_HOSTNAME"


@pytest.fixture
def own_kube(tmp_path: Path) -> Iterator[tuple[Kube, Path]]:
    """A testbed of this test's own, since the test stops its API server."""
    state = tmp_path / "testbed"
    subprocess.run([TESTBED, "start", str(state)], check=True, timeout=600)
    try:
        yield Kube(state / "kubeconfig"), state
    finally:
        subprocess.run([TESTBED, "stop", str(state)], check=False, timeout=120)


def test_preview_works_offline_and_up_recovers_after(
    own_kube: tuple[Kube, Path], tmp_path: Path
) -> None:
    """Preview shows the diff offline; up fails clearly, then succeeds once back."""
    kube, state = own_kube
    project = Project.create(tmp_path / "project", "offline", kube)
    project.write_config(dev_like_config(kube.kubeconfig, "nvcf"))
    project.pulumi("up", "--yes")
    for field, value in (("key", "QUAY"), ("name", "Quay"), ("hostname", "quay.io")):
        project.pulumi("config", "set", "--path", f"registries[2].{field}", value)
    subprocess.run([TESTBED, "apiserver-stop", str(state)], check=True)

    step = release_step(preview_json(project, "--diff"))
    up = project.pulumi("up", "--yes", check=False)
    subprocess.run([TESTBED, "apiserver-start", str(state)], check=True)

    assert step["op"] == "update"
    assert f"values.api.env.{QUAY_HOSTNAME}" in diff_kinds(step)
    output = " ".join((up.stdout + up.stderr).split())
    assert up.returncode != 0
    assert "can't update Helm Release with unreachable cluster" in output
    assert "connect: connection refused" in output
    project.pulumi("up", "--yes")
    assert env_of(kube, "nvcf")[QUAY_HOSTNAME] == "quay.io"
