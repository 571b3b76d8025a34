"""The dev stack applied for real: pulumi up, then the live objects checked."""

from __future__ import annotations

from nvcf_allowlist import ROLLOUT_ANNOTATION, parse_registries, rollout_hash
from tests.e2e.harness import Project, dev_like_config

NAMESPACE = "nvcf-dev"
API = "nvcf-api"


def test_up_applies_registries_and_rolls_the_api_pods(project: Project) -> None:
    """`pulumi up` puts every registry in the live env and rolls the API pods once."""
    config = dev_like_config(project.kube.kubeconfig, NAMESPACE)
    project.write_config(config)

    project.pulumi("up", "--yes", "--skip-preview")

    expected_hash = rollout_hash(parse_registries(config["registries"]))
    outputs = project.outputs()
    assert outputs["rolloutHash"] == expected_hash
    assert outputs["registryHostnames"] == {
        "GHCR": "ghcr.io",
        "INTERNAL": "registry.internal.example.com",
    }
    assert outputs["releaseStatus"]["status"] == "deployed"

    env = project.kube.get("configmap", f"{API}-env", NAMESPACE)["data"]
    assert env == {
        "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_GHCR_NAME": "GitHub Container Registry",
        "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_GHCR_HOSTNAME": "ghcr.io",
        "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_INTERNAL_NAME": "Internal Registry",
        "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_INTERNAL_HOSTNAME": (
            "registry.internal.example.com"
        ),
        "SPRING_PROFILES_ACTIVE": "self-hosted",
        "NVCF_API_LOG_LEVEL": "info",
        "NVCF_ACCOUNT_BOOTSTRAP_ENABLED": "false",
    }

    deployment = project.kube.get("deployment", API, NAMESPACE)
    annotations = deployment["spec"]["template"]["metadata"]["annotations"]
    assert annotations[ROLLOUT_ANNOTATION] == expected_hash
    project.kube.kubectl(
        "rollout", "status", f"deployment/{API}", "-n", NAMESPACE, "--timeout=60s"
    )
    pods = project.kube.items("pod", NAMESPACE, "app.kubernetes.io/instance=api")
    assert pods, "the Deployment has no pods"
    for pod in pods:
        ready = {c["type"]: c["status"] for c in pod["status"]["conditions"]}
        assert ready["Ready"] == "True", pod["metadata"]["name"]
        assert pod["metadata"]["annotations"][ROLLOUT_ANNOTATION] == expected_hash
