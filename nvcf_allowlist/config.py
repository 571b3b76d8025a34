"""Read the stack config into validated component args, every problem at once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pulumi
import yaml
from pulumi.runtime import config as runtime_config
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from nvcf_allowlist.args import NvcfApiReleaseArgs
from nvcf_allowlist.errors import ConfigError, RegistryConfigError
from nvcf_allowlist.parse import parse_registries
from nvcf_allowlist.render import deep_merge

__all__ = ["PROJECT", "StackConfig", "load_config"]

PROJECT = "nvcf-allowlist"
"""Config namespace of every key this program reads."""

# Keys passed to NvcfApiReleaseArgs as they are (after JSON decoding where typed).
TEXT_KEYS = (
    "chart",
    "chartVersion",
    "releaseName",
    "namespace",
    "rolloutAnnotationPath",
)
TYPED_KEYS = (
    "createNamespace",
    "timeout",
    "maxHistory",
    "atomic",
    "uninstallOnDestroy",
    "adoptExisting",
    "baseValues",
)
OTHER_KEYS = ("registries", "baseValuesFiles", "ngcApiKey", "kubeconfig", "kubeContext")
KNOWN_KEYS = frozenset(TEXT_KEYS + TYPED_KEYS + OTHER_KEYS)


@dataclass(frozen=True)
class StackConfig:
    """StackConfig is everything one stack's config asks for."""

    release: NvcfApiReleaseArgs
    """The component's inputs."""

    kubeconfig: str | None
    """Path or contents of a kubeconfig; None uses the ambient one."""

    kube_context: str | None
    """Context within the kubeconfig; None uses its current context."""


def load_config(config: pulumi.Config | None = None) -> StackConfig:
    """Read and validate the stack config.

    Raises:
        ConfigError: listing every problem, one line each, config path first.
    """
    config = config or pulumi.Config(PROJECT)
    problems = _unknown_keys()

    registries: list[Any] = []
    try:
        registries = parse_registries(config.get_object("registries"))
    except RegistryConfigError as error:
        problems.extend(error.problems)

    raw: dict[str, Any] = {key: config.get(key) for key in TEXT_KEYS}
    raw.update({key: _decoded(config.get(key)) for key in TYPED_KEYS})
    base_from_files, file_problems = _values_files(config.get_object("baseValuesFiles"))
    problems.extend(file_problems)
    inline = raw["baseValues"] if isinstance(raw["baseValues"], dict) else {}
    if raw["baseValues"] is not None and not isinstance(raw["baseValues"], dict):
        problems.append(f"baseValues: {raw['baseValues']!r} is not a map of values.")
    raw["baseValues"] = deep_merge(base_from_files, inline)
    raw = {key: value for key, value in raw.items() if value is not None}
    raw["registries"] = registries
    # Empty is the declared default of the optional text keys: it means unset.
    if config.get("ngcApiKey", ""):
        raw["ngcApiKey"] = config.get_secret("ngcApiKey")

    args = None
    try:
        args = NvcfApiReleaseArgs.model_validate(raw)
    except ValidationError as error:
        problems.extend(_describe(detail) for detail in error.errors())

    if problems or args is None:
        raise ConfigError(problems)
    return StackConfig(
        release=args,
        kubeconfig=config.get("kubeconfig") or None,
        kube_context=config.get("kubeContext") or None,
    )


def _unknown_keys() -> list[str]:
    """Report config keys in our namespace that this program does not read."""
    names = set(runtime_config.CONFIG.get()) | set(runtime_config.get_config_env())
    unknown = sorted(
        name.split(":", 1)[1]
        for name in names
        if name.startswith(f"{PROJECT}:") and name.split(":", 1)[1] not in KNOWN_KEYS
    )
    return [
        f"{key}: unknown config key; the keys are {', '.join(sorted(KNOWN_KEYS))}. Fix "
        f"the spelling, or remove it with pulumi config rm {PROJECT}:{key}."
        for key in unknown
    ]


def _decoded(text: str | None) -> Any:
    # Pulumi hands typed config to the program as JSON text; keep text that is not JSON
    # so the validation error shows what the user wrote.
    if text is None:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def _values_files(files: object) -> tuple[dict[str, Any], list[str]]:
    """Merge the values files in order, as `helm -f a.yaml -f b.yaml` does."""
    if files is None:
        return {}, []
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return {}, [f"baseValuesFiles: {files!r} is not a list of file paths."]
    merged: dict[str, Any] = {}
    problems = []
    for index, name in enumerate(files):
        path = Path(name)
        where = f"baseValuesFiles[{index}]"
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as error:
            problems.append(f"{where}: {name!r} cannot be read ({error.strerror}).")
            continue
        except yaml.YAMLError as error:
            problems.append(
                f"{where}: {name!r} is not valid YAML ({_one_line(error)})."
            )
            continue
        if loaded is None:
            continue
        if not isinstance(loaded, dict):
            problems.append(f"{where}: {name!r} does not hold a map of values.")
            continue
        merged = deep_merge(merged, loaded)
    return merged, problems


def _one_line(error: yaml.YAMLError) -> str:
    """Return PyYAML's error as one line: what is wrong and where."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error).splitlines()[0]
    if mark is None:
        return str(problem)
    return f"{problem} at line {mark.line + 1}, column {mark.column + 1}"


def _describe(detail: ErrorDetails) -> str:
    """Turn one pydantic error into a line: config key, bad value, why, and the fix."""
    path = ".".join(str(part) for part in detail["loc"])
    value = detail.get("input")
    if detail["type"] == "args":
        return f"{path}: {detail['msg']}"
    if detail["type"] == "missing":
        return (
            f"{path}: is required; set it with pulumi config set {PROJECT}:{path} "
            "<value>."
        )
    expected = detail["type"].removesuffix("_type").replace("_parsing", "")
    return (
        f"{path}: {value!r} is not a valid {expected} ({detail['msg']}); set it with "
        f"pulumi config set {PROJECT}:{path} <{expected}>."
    )
