"""A rollout whose pods never become Ready fails in time and, if atomic, rolls back."""

from __future__ import annotations

import json
import time

from tests.e2e.harness import Project, env_of, preview_json, release_step

TIMEOUT = 20
QUAY_NAME = "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_QUAY_NAME"


def break_rollout(project: Project) -> None:
    """Add a registry together with a node selector no node matches."""
    config = dict(project.config)
    config["timeout"] = TIMEOUT
    config["atomic"] = True
    base = dict(config["baseValues"])
    base["api"] = {**base["api"], "nodeSelector": {"example.com/no-such-node": "yes"}}
    config["baseValues"] = base
    config["registries"] = [
        *config["registries"],
        {"key": "QUAY", "name": "Quay", "hostname": "quay.io"},
    ]
    project.write_config(config)


def test_unready_pods_fail_up_in_time_and_atomic_rolls_back(deployed: Project) -> None:
    """`up` fails within the timeout naming the release, which then rolls back."""
    namespace = deployed.stack
    break_rollout(deployed)

    started = time.monotonic()
    up = deployed.pulumi("up", "--yes", check=False)
    elapsed = time.monotonic() - started

    output = " ".join((up.stdout + up.stderr).split())
    error = output[output.find("Helm release") :][:600]
    assert up.returncode != 0
    assert elapsed < TIMEOUT + 60
    # The provider's Helm (3.18) waiter names the release, not the Deployment.
    assert f'Helm release "{namespace}/api" failed to initialize' in error, error
    assert "has been rolled back due to atomic being set" in error, error
    history = deployed.kube.helm("history", "api", "-n", namespace, "-o", "json")
    assert json.loads(history.stdout)[-1]["description"] == "Rollback to 1"
    assert QUAY_NAME not in env_of(deployed.kube, namespace)

    step = release_step(preview_json(deployed, "--refresh", "--diff"))
    assert step["op"] == "update"

    fixed = dict(deployed.config)
    fixed["baseValues"] = {
        **fixed["baseValues"],
        "api": {
            k: v for k, v in fixed["baseValues"]["api"].items() if k != "nodeSelector"
        },
    }
    deployed.write_config(fixed)
    deployed.pulumi("up", "--yes")
    assert env_of(deployed.kube, namespace)[QUAY_NAME] == "Quay"
