"""Changes made by hand with the old runbook, seen by refresh and undone by up."""

from __future__ import annotations

from tests.e2e.harness import (
    CHART,
    Project,
    diff_kinds,
    env_of,
    preview_json,
    release_step,
)

GHCR_HOSTNAME = "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_GHCR_HOSTNAME"


def runbook_set(project: Project, name: str, value: str) -> None:
    """Run the manual runbook's upgrade, which keeps every other value."""
    project.kube.helm(
        "upgrade",
        "api",
        str(CHART),
        "-n",
        project.stack,
        "--reuse-values",
        "--set-string",
        f"api.env.{name}={value}",
    )


def test_a_hand_edited_registry_shows_in_refresh_and_up_restores_it(
    deployed: Project,
) -> None:
    """`preview --refresh` shows a managed key changed by hand; `up` puts it back."""
    runbook_set(deployed, GHCR_HOSTNAME, "ghcr.evil.example")

    step = release_step(preview_json(deployed, "--refresh", "--diff"))
    deployed.pulumi("up", "--refresh", "--yes")

    assert step["op"] == "update"
    assert diff_kinds(step) == {f"values.api.env.{GHCR_HOSTNAME}": "update"}
    assert env_of(deployed.kube, deployed.stack)[GHCR_HOSTNAME] == "ghcr.io"
    helm_env = deployed.kube.helm_values("api", deployed.stack)["api"]["env"]
    assert helm_env[GHCR_HOSTNAME] == "ghcr.io"


def test_an_unmanaged_key_added_by_hand_lasts_until_the_next_update(
    deployed: Project,
) -> None:
    """A key nobody declared is invisible to preview and dropped by the next update."""
    runbook_set(deployed, "OUT_OF_BAND", "yes")

    deployed.pulumi("preview", "--refresh", "--expect-no-changes")
    assert env_of(deployed.kube, deployed.stack)["OUT_OF_BAND"] == "yes"
    deployed.pulumi("config", "set", "--path", "registries[0].name", "GHCR")
    deployed.pulumi("up", "--refresh", "--yes")

    assert "OUT_OF_BAND" not in env_of(deployed.kube, deployed.stack)
    assert (
        "OUT_OF_BAND"
        not in deployed.kube.helm_values("api", deployed.stack)["api"]["env"]
    )
