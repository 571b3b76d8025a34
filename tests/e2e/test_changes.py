"""Adding, re-ordering and removing registries, as reviewed and applied by a user."""

from __future__ import annotations

from nvcf_allowlist import ROLLOUT_ANNOTATION
from tests.e2e.harness import (
    Project,
    diff_kinds,
    env_of,
    preview_json,
    registry_env_names,
    release_step,
    rollout,
)

PREFIX = "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_"
ANNOTATION_DIFF = f"values.api.podAnnotations.{ROLLOUT_ANNOTATION}"


def add_quay(project: Project) -> None:
    """Append a registry the way the README tells users to."""
    for field, value in (("key", "QUAY"), ("name", "Quay"), ("hostname", "quay.io")):
        project.pulumi("config", "set", "--path", f"registries[2].{field}", value)


def test_adding_a_registry_previews_two_env_keys_and_rolls_once(
    deployed: Project,
) -> None:
    """A new registry previews as two added env keys and a new hash, then rolls once."""
    namespace = deployed.stack
    before = rollout(deployed.kube, namespace)
    add_quay(deployed)

    step = release_step(preview_json(deployed, "--diff"))
    deployed.pulumi("up", "--yes")

    assert step["op"] == "update"
    assert diff_kinds(step) == {
        f"values.api.env.{PREFIX}QUAY_NAME": "add",
        f"values.api.env.{PREFIX}QUAY_HOSTNAME": "add",
        ANNOTATION_DIFF: "update",
    }
    env = env_of(deployed.kube, namespace)
    assert env[f"{PREFIX}QUAY_NAME"] == "Quay"
    assert env[f"{PREFIX}QUAY_HOSTNAME"] == "quay.io"
    after = rollout(deployed.kube, namespace)
    assert after.revision == before.revision + 1
    assert after.replicasets == before.replicasets + 1


def test_unchanged_or_reordered_config_previews_no_changes(deployed: Project) -> None:
    """The same registries, in any order, preview as no changes at all."""
    deployed.pulumi("preview", "--expect-no-changes")

    config = dict(deployed.config)
    config["registries"] = list(reversed(config["registries"]))
    deployed.write_config(config)

    deployed.pulumi("preview", "--expect-no-changes")


def test_removing_a_registry_deletes_its_keys_everywhere(deployed: Project) -> None:
    """A removed registry previews as two deletions and leaves no stale key behind."""
    namespace = deployed.stack
    before = rollout(deployed.kube, namespace)
    config = dict(deployed.config)
    config["registries"] = config["registries"][:1]
    deployed.write_config(config)

    step = release_step(preview_json(deployed, "--diff"))
    deployed.pulumi("up", "--yes")

    assert step["op"] == "update"
    assert diff_kinds(step) == {
        f"values.api.env.{PREFIX}INTERNAL_NAME": "delete",
        f"values.api.env.{PREFIX}INTERNAL_HOSTNAME": "delete",
        ANNOTATION_DIFF: "update",
    }
    live = registry_env_names(env_of(deployed.kube, namespace))
    helm = registry_env_names(deployed.kube.helm_values("api", namespace)["api"]["env"])
    expected = {f"{PREFIX}GHCR_NAME", f"{PREFIX}GHCR_HOSTNAME"}
    assert live == expected
    assert helm == expected
    after = rollout(deployed.kube, namespace)
    assert after.revision == before.revision + 1
