"""`pulumi destroy` keeps the NVCF control plane unless the user opts in."""

from __future__ import annotations

import json

from tests.e2e.harness import Project, ready_pods


def test_destroy_leaves_the_release_and_its_pods_by_default(deployed: Project) -> None:
    """By default destroy only forgets the release; Helm and the pods keep running."""
    deployed.pulumi("destroy", "--yes")

    status = deployed.kube.helm("status", "api", "-n", deployed.stack, "-o", "json")
    assert json.loads(status.stdout)["info"]["status"] == "deployed"
    assert ready_pods(deployed.kube, deployed.stack)
    resources = deployed.pulumi("stack", "--show-urns").stdout
    assert "helm.sh/v3:Release" not in resources


def test_destroy_uninstalls_the_release_when_opted_in(deployed: Project) -> None:
    """With uninstallOnDestroy set and applied, destroy uninstalls the release."""
    deployed.pulumi("config", "set", "uninstallOnDestroy", "true")
    deployed.pulumi("up", "--yes")

    deployed.pulumi("destroy", "--yes")

    status = deployed.kube.helm("status", "api", "-n", deployed.stack, check=False)
    assert status.returncode != 0
    assert "release: not found" in status.stderr
    deployments = deployed.kube.kubectl("get", "deployments", "-n", deployed.stack)
    assert "nvcf-api" not in deployments
