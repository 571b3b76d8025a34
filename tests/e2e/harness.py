"""Drive the real pulumi, kubectl and helm CLIs the way a user types them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "tests" / "charts" / "helm-nvcf-api"
PROGRAM_FILES = ("Pulumi.yaml", "__main__.py")


class CommandError(AssertionError):
    """Raised when a command the test expected to succeed fails."""


def run(
    args: list[str], *, cwd: Path, env: dict[str, str], check: bool = True
) -> subprocess.CompletedProcess[str]:
    """Run a command, returning its output; raise with the output if it fails."""
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900
    )
    if check and result.returncode != 0:
        raise CommandError(
            f"{' '.join(args)} exited {result.returncode}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"
        )
    return result


@dataclass
class Kube:
    """Read live objects from the testbed's API server with kubectl."""

    kubeconfig: Path

    def env(self) -> dict[str, str]:
        return {**os.environ, "KUBECONFIG": str(self.kubeconfig)}

    def kubectl(self, *args: str, check: bool = True) -> str:
        return run(["kubectl", *args], cwd=ROOT, env=self.env(), check=check).stdout

    def get(self, kind: str, name: str, namespace: str) -> dict[str, Any]:
        out = self.kubectl("get", kind, name, "-n", namespace, "-o", "json")
        return dict(json.loads(out))

    def items(self, kind: str, namespace: str, selector: str) -> list[dict[str, Any]]:
        out = self.kubectl("get", kind, "-n", namespace, "-l", selector, "-o", "json")
        return list(json.loads(out)["items"])

    def helm(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return run(["helm", *args], cwd=ROOT, env=self.env(), check=check)

    def helm_values(self, release: str, namespace: str) -> dict[str, Any]:
        out = self.helm("get", "values", release, "-n", namespace, "-o", "json").stdout
        return dict(json.loads(out) or {})


@dataclass
class Project:
    """A copy of the program with its own file backend and stack, as a user has it."""

    root: Path
    stack: str
    kube: Kube
    config: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def create(cls, root: Path, stack: str, kube: Kube, source: Path = ROOT) -> Project:
        """Copy the program in `source` to `root` and init its stack there."""
        root.mkdir(parents=True)
        for name in PROGRAM_FILES:
            shutil.copy(source / name, root / name)
        (root / ".venv").symlink_to(ROOT / ".venv")
        (root / "chart").symlink_to(CHART)
        (root / "state").mkdir()
        project = cls(root, stack, kube)
        project.pulumi("stack", "init")
        return project

    def env(self) -> dict[str, str]:
        return {
            **os.environ,
            "PULUMI_BACKEND_URL": f"file://{self.root / 'state'}",
            "PULUMI_CONFIG_PASSPHRASE": "",
            "PULUMI_SKIP_UPDATE_CHECK": "true",
            "PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION": "true",
        }

    def pulumi(
        self, *args: str, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        command = ["pulumi", *args, "--stack", self.stack, "--non-interactive"]
        return run(command, cwd=self.root, env=self.env(), check=check)

    def write_config(self, config: dict[str, Any]) -> None:
        """Write the stack's config file, as a user edits Pulumi.<stack>.yaml."""
        path = self.root / f"Pulumi.{self.stack}.yaml"
        current = yaml.safe_load(path.read_text()) if path.exists() else None
        document = dict(current or {})
        project = yaml.safe_load((self.root / "Pulumi.yaml").read_text())["name"]
        document["config"] = {f"{project}:{k}": v for k, v in config.items()}
        path.write_text(yaml.safe_dump(document, sort_keys=False))
        self.config = config

    def outputs(self) -> dict[str, Any]:
        out = self.pulumi("stack", "output", "--json").stdout
        return dict(json.loads(out))


def dev_like_config(kubeconfig: Path, namespace: str) -> dict[str, Any]:
    """Return the dev stack's config, aimed at `namespace` of the given cluster."""
    dev = yaml.safe_load((ROOT / "Pulumi.dev.yaml").read_text())["config"]
    config = {key.split(":", 1)[1]: value for key, value in dev.items()}
    config.update(kubeconfig=str(kubeconfig), chart="chart", namespace=namespace)
    return config


RELEASE_TYPE = "kubernetes:helm.sh/v3:Release"


def release_step(preview: dict[str, Any]) -> dict[str, Any]:
    """Return the Helm release's step from `pulumi preview --json` output.

    With `--refresh` the output also holds the refresh steps; those are skipped.
    """
    steps = [
        s
        for s in preview["steps"]
        if s["urn"].split("::")[-2].endswith(RELEASE_TYPE) and s["op"] != "refresh"
    ]
    assert len(steps) == 1, [s["urn"] for s in preview["steps"]]
    return dict(steps[0])


def diff_kinds(step: dict[str, Any]) -> dict[str, str]:
    """Map each changed property path of a step to its kind (add, update, delete)."""
    return {path: d["kind"] for path, d in (step.get("detailedDiff") or {}).items()}


def preview_json(project: Project, *extra: str) -> dict[str, Any]:
    out = project.pulumi("preview", "--json", *extra).stdout
    return dict(json.loads(out))


@dataclass(frozen=True)
class Rollout:
    """How many times the API Deployment has rolled, read from the live objects."""

    revision: int
    replicasets: int


def rollout(kube: Kube, namespace: str, deployment: str = "nvcf-api") -> Rollout:
    """Wait for the Deployment's rollout to finish and return its rollout counters."""
    kube.kubectl(
        "rollout",
        "status",
        f"deployment/{deployment}",
        "-n",
        namespace,
        "--timeout=120s",
    )
    live = kube.get("deployment", deployment, namespace)
    revision = int(live["metadata"]["annotations"]["deployment.kubernetes.io/revision"])
    sets = kube.items("replicaset", namespace, "app.kubernetes.io/instance=api")
    return Rollout(revision, len(sets))


def ready_pods(kube: Kube, namespace: str) -> list[dict[str, Any]]:
    """Return the API pods that are Ready and not being deleted."""
    pods = kube.items("pod", namespace, "app.kubernetes.io/instance=api")
    return [
        pod
        for pod in pods
        if "deletionTimestamp" not in pod["metadata"]
        and any(
            c["type"] == "Ready" and c["status"] == "True"
            for c in pod["status"].get("conditions", [])
        )
    ]


def env_of(kube: Kube, namespace: str) -> dict[str, str]:
    return dict(kube.get("configmap", "nvcf-api-env", namespace)["data"])


def registry_env_names(env: dict[str, Any]) -> set[str]:
    return {name for name in env if name.startswith("NVCF_REGISTRIES_RECOGNIZED_")}
