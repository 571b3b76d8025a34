"""The inputs of the `NvcfApiRelease` component and the rules each one follows."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pulumi
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from nvcf_allowlist.registry import Registry
from nvcf_allowlist.render import ENV_PATH
from nvcf_allowlist.values import values_problems

__all__ = ["NvcfApiReleaseArgs"]

# semver 2.0.0 items 2, 9 and 10: MAJOR.MINOR.PATCH, optional pre-release and build.
EXACT_VERSION = re.compile(
    r"v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
    r"(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?"
)
# Helm's release name rule (pkg/chartutil ValidateReleaseName): a DNS-1123 subdomain
# of at most 53 characters, because Helm appends suffixes to build resource names.
RELEASE_NAME = re.compile(
    r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"
)
RELEASE_NAME_MAX = 53
DNS_LABEL = re.compile(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")
# oci://<host>[:port]/<path>: Helm needs both a registry and a repository.
OCI_REFERENCE = re.compile(r"oci://[A-Za-z0-9.-]+(:\d+)?/[^\s]+")
# Upper bounds that keep values within what Helm and Go durations accept.
LIMITS = {"timeout": 86_400, "max_history": 10_000}
VALUE_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*")


def _invalid(value: object, why: str) -> PydanticCustomError:
    return PydanticCustomError(
        "args", "{value} {why}", {"value": repr(value), "why": why}
    )


class NvcfApiReleaseArgs(BaseModel):
    """NvcfApiReleaseArgs are the inputs of one helm-nvcf-api release.

    Field aliases are the stack config keys, so a validation error names the key the
    user has to change. Checks that read another field read only fields declared
    earlier (pydantic validates in declaration order), so each field's problem is
    reported whatever else is wrong; `load_config` lists every base-values problem.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        arbitrary_types_allowed=True,
        use_attribute_docstrings=True,
    )

    chart: str = Field(strict=True)
    """An `oci://` chart reference or the path of a chart folder."""

    chart_version: str = Field(alias="chartVersion", strict=True)
    """Exact chart version, e.g. `1.4.2`; ranges are refused."""

    registries: tuple[Registry, ...] = ()
    """Custom registries, already validated by `parse_registries`."""

    release_name: str = Field(default="api", alias="releaseName", strict=True)
    """Helm release name."""

    namespace: str = Field(default="nvcf", strict=True)
    """Namespace of the release."""

    create_namespace: bool = Field(default=True, alias="createNamespace", strict=True)
    """Create the namespace when it does not exist."""

    rollout_annotation_path: str = Field(
        default="api.podAnnotations", alias="rolloutAnnotationPath", strict=True
    )
    """Chart value holding the API pod template's annotations."""

    base_values: dict[str, Any] = Field(default_factory=dict, alias="baseValues")
    """Every other chart value, with the values files already merged in."""

    timeout: int = Field(default=600, strict=True)
    """Seconds to wait for the rollout before the update fails."""

    max_history: int = Field(default=10, alias="maxHistory", strict=True)
    """Release revisions Helm keeps; older ones are pruned."""

    atomic: bool = Field(default=False, strict=True)
    """Roll the release back when an update fails."""

    uninstall_on_destroy: bool = Field(
        default=False, alias="uninstallOnDestroy", strict=True
    )
    """Uninstall the release on destroy; by default it stays installed."""

    adopt_existing: bool = Field(default=False, alias="adoptExisting", strict=True)
    """Take over an existing `<namespace>/<releaseName>` on the first update."""

    ngc_api_key: pulumi.Output[str] | str | None = Field(
        default=None, alias="ngcApiKey", exclude=True
    )
    """NGC API key (a Pulumi secret) to pull an `oci://nvcr.io` chart."""

    secret_values: bool = Field(default=False, alias="secretValues", strict=True)
    """Keep the release's values secret: set when base values come from a secret."""

    @field_validator("chart")
    @classmethod
    def _check_chart(cls, chart: str) -> str:
        if not chart.strip():
            raise _invalid(
                chart, "is empty; set an oci:// reference or a chart folder."
            )
        if "://" in chart and not OCI_REFERENCE.fullmatch(chart):
            raise _invalid(
                chart,
                "is not a complete oci:// reference; Helm needs a registry and a "
                "repository: oci://<registry>/<org>/<chart>.",
            )
        if (
            not chart.startswith("oci://")
            and not (Path(chart) / "Chart.yaml").is_file()
        ):
            raise _invalid(
                chart,
                f"has no Chart.yaml (looked in {Path(chart).resolve()}); point it at "
                "the chart folder, relative to the project.",
            )
        return chart

    @field_validator("chart_version")
    @classmethod
    def _check_chart_version(cls, version: str, info: ValidationInfo) -> str:
        # A chart that failed its own check is absent here; the folder checks skip.
        chart: str = info.data.get("chart") or "oci://"
        local = not chart.startswith("oci://")
        declared = _chart_version(Path(chart)) if local else None
        # A chart folder's own version is exact by definition, even when it is not
        # three-part (Helm reads 1.10 as 1.10.0).
        if local and declared == version.removeprefix("v"):
            return version
        if not EXACT_VERSION.fullmatch(version):
            # YAML reads an unquoted 1.10 as the number 1.1: say so, or the message
            # would show a value the user never wrote.
            hint = (
                " If you wrote it unquoted, YAML read it as a number: quote it."
                if re.fullmatch(r"\d+\.\d+", version)
                else ""
            )
            raise _invalid(
                version,
                "is not an exact version; previews would drift whenever a chart is "
                f"published. Set one version, e.g. 1.4.2.{hint}",
            )
        if local:
            if declared is None:
                raise _invalid(
                    version,
                    f"cannot be checked: {chart}/Chart.yaml is unreadable or has no "
                    "version. Fix the chart's Chart.yaml.",
                )
            if declared != version.removeprefix("v"):
                raise _invalid(
                    version,
                    f"does not match the version {declared!r} in {chart}/Chart.yaml; "
                    "Helm installs a chart folder whatever version is requested, so "
                    "set chartVersion to the folder's version.",
                )
        return version

    @field_validator("release_name")
    @classmethod
    def _check_release_name(cls, name: str) -> str:
        if len(name) > RELEASE_NAME_MAX or not RELEASE_NAME.fullmatch(name):
            raise _invalid(
                name,
                "is not a Helm release name; use at most 53 lower-case letters, "
                "digits, '-' or '.', starting and ending with a letter or digit.",
            )
        return name

    @field_validator("namespace")
    @classmethod
    def _check_namespace(cls, namespace: str) -> str:
        if not DNS_LABEL.fullmatch(namespace):
            raise _invalid(
                namespace,
                "is not a namespace name; use at most 63 lower-case letters, digits or "
                "'-', starting and ending with a letter or digit.",
            )
        return namespace

    @field_validator("timeout", "max_history")
    @classmethod
    def _check_positive(cls, number: int, info: ValidationInfo) -> int:
        if number < 1:
            raise _invalid(number, "must be a positive whole number.")
        limit = LIMITS[str(info.field_name)]
        if number > limit:
            raise _invalid(number, f"is more than {limit:,}; use a smaller number.")
        return number

    @field_validator("rollout_annotation_path")
    @classmethod
    def _check_annotation_path(cls, path: str) -> str:
        if not VALUE_PATH.fullmatch(path):
            raise _invalid(
                path, "is not a dotted value path; use e.g. api.podAnnotations."
            )
        parts = tuple(path.split("."))
        shorter = min(len(parts), len(ENV_PATH))
        if parts[:shorter] == ENV_PATH[:shorter]:
            raise _invalid(
                path,
                "overlaps api.env, where the registry env goes; point it at the "
                "chart's pod-template annotations, e.g. api.podAnnotations.",
            )
        return path

    @field_validator("base_values")
    @classmethod
    def _check_base_values(
        cls, values: dict[str, Any], info: ValidationInfo
    ) -> dict[str, Any]:
        path = info.data.get("rollout_annotation_path")
        annotation_path = tuple(path.split(".")) if path is not None else None
        # Only the first problem fits a field error; load_config lists them all.
        for where, message in values_problems(values, annotation_path):
            raise PydanticCustomError(
                "args", "{message}", {"message": message, "subpath": where}
            )
        return values

    @property
    def annotation_path(self) -> tuple[str, ...]:
        """The rollout annotation's value path, split into its keys."""
        return tuple(self.rollout_annotation_path.split("."))


def _chart_version(chart: Path) -> str | None:
    """Return the version in a chart folder's Chart.yaml, or None if unreadable."""
    try:
        text = (chart / "Chart.yaml").read_text(encoding="utf-8")
        # BaseLoader keeps every scalar as text, as Helm reads Chart.yaml: 1.10 stays
        # "1.10" instead of becoming the number 1.1.
        meta = yaml.load(text, Loader=yaml.BaseLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    version = meta.get("version") if isinstance(meta, dict) else None
    return version if isinstance(version, str) else None
