"""Install or update the helm-nvcf-api release with the registries from stack config."""

import pulumi
import pulumi_kubernetes as kubernetes

from nvcf_allowlist import NvcfApiRelease, load_config

stack = load_config()

# An explicit provider, so the target cluster comes from this stack's config and never
# from whatever kube context happens to be current on the machine running Pulumi.
provider = kubernetes.Provider(
    "kubernetes",
    kubeconfig=stack.kubeconfig,
    context=stack.kube_context,
)

api = NvcfApiRelease(
    "nvcf-api",
    stack.release,
    pulumi.ResourceOptions(providers=[provider]),
)

pulumi.export("registryHostnames", api.registry_hostnames)
pulumi.export("registryEnv", api.registry_env)
pulumi.export("rolloutHash", api.rollout_hash)
pulumi.export("releaseStatus", api.status)
