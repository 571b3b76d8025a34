"""Adopting a release installed with the manual runbook, then managing it as usual."""

from __future__ import annotations

import yaml

from tests.e2e.harness import (
    CHART,
    Project,
    diff_kinds,
    env_of,
    preview_json,
    rollout,
)

PREFIX = "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_"
RELEASE = "::nvcf-api-release"
# Settings of the Pulumi release resource that a Helm install does not record, so the
# import fills them in; none of them changes what runs in the cluster.
RELEASE_SETTINGS = {
    "allowNullValues",
    "chart",
    "createNamespace",
    "maxHistory",
    "resetValues",
    "timeout",
}
BASE = {
    "api": {
        "fullnameOverride": "nvcf-api",
        "image": {"registry": "nvcr.io", "repository": "nvidia/nvcf/nvcf-api"},
        "env": {"SPRING_PROFILES_ACTIVE": "self-hosted"},
    }
}


def install_by_runbook(project: Project) -> None:
    """Install the release as the runbook does: base values plus --set-string."""
    base = project.root / "runbook-values.yaml"
    base.write_text(yaml.safe_dump(BASE))
    project.kube.helm(
        "upgrade",
        "--install",
        "api",
        str(CHART),
        "-n",
        project.stack,
        "--create-namespace",
        "--wait",
        "-f",
        str(base),
        "--set-string",
        f"api.env.{PREFIX}GHCR_NAME=GitHub Container Registry",
        "--set-string",
        f"api.env.{PREFIX}GHCR_HOSTNAME=ghcr.io",
    )


def export_values(project: Project) -> None:
    """Follow the README: export the values and move the registry out of api.env."""
    values = project.kube.helm_values("api", project.stack)
    for name in [n for n in values["api"]["env"] if n.startswith(PREFIX)]:
        del values["api"]["env"][name]
    (project.root / "values").mkdir()
    (project.root / "values" / "api.yaml").write_text(yaml.safe_dump(values))


def test_a_runbook_release_is_adopted_and_then_managed(project: Project) -> None:
    """The first preview imports the release; later changes apply as usual."""
    install_by_runbook(project)
    export_values(project)
    project.write_config(
        {
            "kubeconfig": str(project.kube.kubeconfig),
            "chart": "chart",
            "chartVersion": "1.0.0",
            "namespace": project.stack,
            "baseValuesFiles": ["values/api.yaml"],
            "adoptExisting": True,
            "registries": [
                {
                    "key": "GHCR",
                    "name": "GitHub Container Registry",
                    "hostname": "ghcr.io",
                }
            ],
        }
    )

    preview = preview_json(project, "--diff")
    before = rollout(project.kube, project.stack)
    project.pulumi("up", "--yes")

    ops = {s["op"]: s for s in preview["steps"] if s["urn"].endswith(RELEASE)}
    assert set(ops) == {"import", "update"}
    changed = diff_kinds(ops["update"])
    assert {p: k for p, k in changed.items() if p.startswith("values")} == {
        "values.api.podAnnotations": "add"
    }
    assert set(changed) - {"values.api.podAnnotations"} <= RELEASE_SETTINGS
    assert env_of(project.kube, project.stack) == {
        f"{PREFIX}GHCR_NAME": "GitHub Container Registry",
        f"{PREFIX}GHCR_HOSTNAME": "ghcr.io",
        "SPRING_PROFILES_ACTIVE": "self-hosted",
    }
    assert rollout(project.kube, project.stack).revision == before.revision + 1

    project.pulumi("config", "set", "adoptExisting", "false")
    project.pulumi("preview", "--expect-no-changes")
    for field, value in (("key", "QUAY"), ("name", "Quay"), ("hostname", "quay.io")):
        project.pulumi("config", "set", "--path", f"registries[1].{field}", value)
    project.pulumi("up", "--yes")
    assert env_of(project.kube, project.stack)[f"{PREFIX}QUAY_HOSTNAME"] == "quay.io"
