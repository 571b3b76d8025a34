"""The `NvcfApiRelease` component: the helm-nvcf-api release and its allowlist."""

from __future__ import annotations

from typing import Any

import pulumi
from pulumi_kubernetes.helm.v3 import Release, ReleaseArgs, RepositoryOptsArgs

from nvcf_allowlist.args import NvcfApiReleaseArgs
from nvcf_allowlist.render import registry_env, release_values, rollout_hash

__all__ = ["COMPONENT_TYPE", "NGC_USERNAME", "NvcfApiRelease", "is_ngc_chart"]

COMPONENT_TYPE = "nvcf-allowlist:index:NvcfApiRelease"
"""Pulumi type token of the component: `<package>:<module>:<Type>`."""
NGC_USERNAME = "$oauthtoken"
"""NGC takes this fixed user name with an API key as the password."""


class NvcfApiRelease(pulumi.ComponentResource):
    """NvcfApiRelease is the helm-nvcf-api Helm release with its custom registries.

    It owns exactly one `kubernetes.helm.v3.Release`, whose values are the base values
    with the registry env merged under `api.env` and the rollout hash stamped on the
    API pod template, so the pods roll exactly when the registry set changes.
    """

    registry_hostnames: pulumi.Output[dict[str, str]]
    """Registry key to hostname."""

    registry_env: pulumi.Output[dict[str, str]]
    """The env values rendered for the registries."""

    rollout_hash: pulumi.Output[str]
    """sha256 of the rendered registry env, as stamped on the pod template."""

    status: pulumi.Output[dict[str, Any]]
    """The release's revision, chart version and Helm status."""

    release: Release
    """The Helm release this component owns."""

    def __init__(
        self,
        name: str,
        args: NvcfApiReleaseArgs,
        opts: pulumi.ResourceOptions | None = None,
    ) -> None:
        super().__init__(COMPONENT_TYPE, name, None, opts)
        values = release_values(args.base_values, args.registries, args.annotation_path)

        # The release carries the whole NVCF control plane: unless the user opts in,
        # destroying the stack forgets the release and leaves it installed. Known gap:
        # this also applies when a new releaseName or namespace replaces the release,
        # so the old release stays installed until someone uninstalls it.
        release_opts = pulumi.ResourceOptions(
            parent=self,
            retain_on_delete=not args.uninstall_on_destroy,
            import_=f"{args.namespace}/{args.release_name}"
            if args.adopt_existing
            else None,
        )

        # Known gap: when the new pods never become Ready, the error names the Helm
        # release, not the Deployment: the provider's Helm 3.18 waiter does not say.
        self.release = Release(
            f"{name}-release",
            _release_args(args, values),
            opts=release_opts,
        )

        self.registry_hostnames = pulumi.Output.from_input(
            {registry.key: registry.hostname for registry in args.registries}
        )
        self.registry_env = pulumi.Output.from_input(registry_env(args.registries))
        self.rollout_hash = pulumi.Output.from_input(rollout_hash(args.registries))
        self.status = self.release.status.apply(
            lambda status: {
                "revision": status.revision,
                "chartVersion": status.version,
                "status": status.status,
            }
        )
        self.register_outputs(
            {
                "registryHostnames": self.registry_hostnames,
                "registryEnv": self.registry_env,
                "rolloutHash": self.rollout_hash,
                "status": self.status,
            }
        )


def is_ngc_chart(chart: str) -> bool:
    """Tell whether the chart is pulled from NGC, the only registry the key is for."""
    if not chart.startswith("oci://"):
        return False
    host = chart.removeprefix("oci://").split("/", 1)[0].split(":", 1)[0].lower()
    return host == "nvcr.io" or host.endswith(".nvcr.io")


def _release_args(args: NvcfApiReleaseArgs, values: dict[str, Any]) -> ReleaseArgs:
    """Build the Release's inputs; values are always the full set, never reused."""
    repository_opts = None
    if args.ngc_api_key is not None and is_ngc_chart(args.chart):
        repository_opts = RepositoryOptsArgs(
            username=NGC_USERNAME,
            password=pulumi.Output.secret(args.ngc_api_key),
        )
    # A secret in base values would otherwise land in state and previews in plain text.
    release_values: Any = pulumi.Output.secret(values) if args.secret_values else values
    return ReleaseArgs(
        name=args.release_name,
        namespace=args.namespace,
        create_namespace=args.create_namespace,
        chart=args.chart,
        version=args.chart_version.removeprefix("v"),
        repository_opts=repository_opts,
        values=release_values,
        # Without these Helm would carry old values forward, so a registry removed
        # from config would stay in the release. Known gap: a value someone adds by
        # hand outside the declared ones is not shown by preview; the next update
        # drops it.
        reuse_values=False,
        reset_values=True,
        # Keeps empty lists and nulls inside lists, which Helm reads as "replace the
        # chart default with this"; without it the provider drops them.
        allow_null_values=True,
        max_history=args.max_history,
        timeout=args.timeout,
        atomic=args.atomic,
    )
