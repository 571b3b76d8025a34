"""Read the stack config into validated component args, every problem at once."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pulumi
import yaml
from pulumi.runtime import config as runtime_config
from pydantic import ValidationError
from pydantic_core import ErrorDetails

from nvcf_allowlist.args import VALUE_PATH, NvcfApiReleaseArgs
from nvcf_allowlist.component import is_ngc_chart
from nvcf_allowlist.errors import ConfigError, RegistryConfigError
from nvcf_allowlist.parse import parse_registries
from nvcf_allowlist.registry import Registry
from nvcf_allowlist.render import deep_merge, value_at
from nvcf_allowlist.values import values_problems

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
# How close another namespace must be to ours to count as a misspelling of it.
LOOK_ALIKE = 0.85


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

    registries: list[Registry] = []
    try:
        registries = parse_registries(config.get_object("registries"))
    except RegistryConfigError as error:
        problems.extend(error.problems)

    raw: dict[str, Any] = {key: config.get(key) for key in TEXT_KEYS}
    raw.update({key: _decoded(config.get(key)) for key in TYPED_KEYS})
    annotation_path = _annotation_path(raw["rolloutAnnotationPath"])
    base, base_problems = _values_files(
        config.get_object("baseValuesFiles"), annotation_path
    )
    inline = raw["baseValues"]
    if inline is not None and not isinstance(inline, dict):
        base_problems.append(f"baseValues: {inline!r} is not a map of values.")
    elif inline is not None:
        base_problems.extend(
            f"baseValues.{where}: {message}"
            for where, message in values_problems(inline, annotation_path)
        )
    problems.extend(base_problems)
    # Each source was checked on its own, so a problem names the file it is in; the
    # merged values go to the model only when clean, so nothing is reported twice.
    raw["baseValues"] = deep_merge(base, inline or {}) if not base_problems else {}
    raw = {key: value for key, value in raw.items() if value is not None}
    raw["registries"] = registries
    # Empty is the declared default of the optional text keys: it means unset.
    if config.get("ngcApiKey", ""):
        raw["ngcApiKey"] = config.get_secret("ngcApiKey")
    raw["secretValues"] = runtime_config.is_config_secret(f"{PROJECT}:baseValues")

    args = None
    try:
        args = NvcfApiReleaseArgs.model_validate(raw)
    except ValidationError as error:
        problems.extend(_describe(detail) for detail in error.errors())

    if problems or args is None:
        raise ConfigError(problems)
    _warn_unknown_annotation_path(args)
    if args.ngc_api_key is not None and not is_ngc_chart(args.chart):
        pulumi.log.warn(
            f"ngcApiKey: set, but chart {args.chart!r} is not pulled from nvcr.io; the "
            "key is not used."
        )
    return StackConfig(
        release=args,
        kubeconfig=config.get("kubeconfig") or None,
        kube_context=config.get("kubeContext") or None,
    )


def _warn_unknown_annotation_path(args: NvcfApiReleaseArgs) -> None:
    """Warn when a local chart's values.yaml does not know the annotation path."""
    if args.chart.startswith("oci://"):
        return
    try:
        defaults = yaml.safe_load(
            (Path(args.chart) / "values.yaml").read_text(encoding="utf-8")
        )
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return
    node = (
        value_at(defaults, args.annotation_path) if isinstance(defaults, dict) else None
    )
    if not isinstance(node, dict):
        pulumi.log.warn(
            f"rolloutAnnotationPath: {args.rollout_annotation_path!r} is not a map in "
            f"{args.chart}/values.yaml; if the chart does not read it, the API pods "
            "will not roll when registries change."
        )


def _unknown_keys() -> list[str]:
    """Report keys in our namespace we do not read, and look-alikes of it."""
    names = set(runtime_config.CONFIG.get()) | set(runtime_config.get_config_env())
    problems = []
    for name in sorted(names):
        namespace, _, key = name.partition(":")
        if namespace == PROJECT and key not in KNOWN_KEYS:
            problems.append(
                f"{key}: unknown config key; the keys are "
                f"{', '.join(sorted(KNOWN_KEYS))}. Fix the spelling, or remove it with "
                f"pulumi config rm {PROJECT}:{key}."
            )
        elif namespace != PROJECT and _looks_like_ours(namespace):
            # A misspelt namespace would otherwise read as "no registries" and an
            # update would remove every registry.
            problems.append(
                f"{name}: config namespace {namespace!r} looks like a misspelling of "
                f"{PROJECT!r}; move the key with pulumi config rm {name} and pulumi "
                f"config set {PROJECT}:{key} ..."
            )
    return problems


def _looks_like_ours(namespace: str) -> bool:
    plain = namespace.lower().replace("_", "-")
    return difflib.SequenceMatcher(None, plain, PROJECT).ratio() >= LOOK_ALIKE


def _decoded(text: str | None) -> Any:
    # Pulumi hands typed config to the program as JSON text; keep text that is not JSON
    # so the validation error shows what the user wrote.
    if text is None:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def _annotation_path(raw: object) -> tuple[str, ...] | None:
    """Split the configured annotation path, or None when it is invalid (reported)."""
    if raw is None:
        raw = NvcfApiReleaseArgs.model_fields["rollout_annotation_path"].default
    if isinstance(raw, str) and VALUE_PATH.fullmatch(raw):
        return tuple(raw.split("."))
    return None


def _values_files(
    files: object, annotation_path: tuple[str, ...] | None
) -> tuple[dict[str, Any], list[str]]:
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
        if not name.strip():
            problems.append(f"{where}: {name!r} is empty; give a values file's path.")
            continue
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except OSError as error:
            problems.append(f"{where}: {name!r} cannot be read ({error.strerror}).")
            continue
        except UnicodeDecodeError:
            problems.append(f"{where}: {name!r} is not UTF-8 text; save it as UTF-8.")
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
        found = values_problems(loaded, annotation_path)
        problems.extend(f"{where}.{at}: {message} (in {name})" for at, message in found)
        if not found:
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
    subpath = (detail.get("ctx") or {}).get("subpath")
    if subpath:
        path = f"{path}.{subpath}"
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
