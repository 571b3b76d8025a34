"""A config with several mistakes stops preview and up before anything is touched."""

from __future__ import annotations

from tests.e2e.harness import Project

MISTAKES = [
    {"key": "my_reg", "name": "Mine", "hostname": "mine.example.com"},
    {"key": "GHCR2", "name": "GitHub Container Registry", "hostname": "ghcr.io:443"},
    {"key": "DOCKER", "name": "Hub", "hostname": "docker.io", "hostnmae": "x"},
]
EXPECTED = [
    "stack config has 7 problems; nothing was changed:",
    "  registries[2].key: 'my_reg' contains '_'; the NVCF API (Spring Boot) splits "
    "env names on '_' and binds only the first segment after ..._CONTAINER_, so this "
    "entry would be silently ignored. Use 'MYREG'.",
    "  registries[3].hostname: 'ghcr.io:443' has a port; NVCF drops the port from an "
    "image reference before matching, so this entry would never match. Use 'ghcr.io': "
    "one entry covers every port.",
    "  registries[3].name: 'GitHub Container Registry' is already used by "
    "registries[0]; the API builds a map of names at start-up and a duplicate stops "
    "it. Remove or rename one of them.",
    "  registries[4].key: 'DOCKER' is the key of a registry built into NVCF; using it "
    "would override or duplicate that registry. Choose another key, e.g. 'MY' + the "
    "key.",
    "  registries[4].hostname: 'docker.io' is already recognised by NVCF as the "
    "built-in Docker Hub registry; do not allowlist it, add registry credentials for "
    "it instead.",
    "  registries[4].hostnmae: unknown field (value 'x'); the fields are key, name, "
    "hostname, artifactType. Fix the spelling or remove it.",
    "  chartVersion: '>=1.0.0' is not an exact version; previews would drift whenever "
    "a chart is published. Set one version, e.g. 1.4.2.",
]


def test_every_mistake_is_listed_and_the_release_is_untouched(
    deployed: Project,
) -> None:
    """Preview and up fail fast, list every problem, and leave the revision alone."""
    namespace = deployed.stack
    revision = deployed.outputs()["releaseStatus"]["revision"]
    config = dict(deployed.config)
    config["registries"] = [*config["registries"], *MISTAKES]
    config["chartVersion"] = ">=1.0.0"
    deployed.write_config(config)

    preview = deployed.pulumi("preview", "--diff", check=False)
    up = deployed.pulumi("up", "--yes", check=False)

    for result in (preview, up):
        output = result.stdout + result.stderr
        assert result.returncode != 0
        assert "Traceback" not in output
        lines = [line.strip().removeprefix("error: ") for line in output.splitlines()]
        start = lines.index(EXPECTED[0])
        assert lines[start : start + len(EXPECTED)] == [e.strip() for e in EXPECTED]
    history = deployed.kube.helm("history", "api", "-n", namespace, "-o", "json")
    assert history.stdout.count('"revision"') == revision
    assert (
        deployed.kube.helm_values("api", namespace)["api"]["env"].get(
            "NVCF_REGISTRIES_RECOGNIZED_CONTAINER_MYREG_NAME"
        )
        is None
    )
