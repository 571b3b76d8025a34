"""A bare helm.v3.Release with pre-rendered values: the benchmark's baseline."""

import pulumi
import pulumi_kubernetes as kubernetes

config = pulumi.Config()
provider = kubernetes.Provider("kubernetes", kubeconfig=config.require("kubeconfig"))
kubernetes.helm.v3.Release(
    "api",
    kubernetes.helm.v3.ReleaseArgs(
        name="api",
        namespace=config.require("namespace"),
        create_namespace=True,
        chart="chart",
        version="1.0.0",
        values=config.require_object("values"),
        reset_values=True,
        max_history=10,
        timeout=600,
    ),
    opts=pulumi.ResourceOptions(provider=provider),
)
