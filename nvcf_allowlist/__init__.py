"""Allowlist custom container registries for NVCF self-hosted, as reviewed code."""

from nvcf_allowlist.args import NvcfApiReleaseArgs
from nvcf_allowlist.component import NvcfApiRelease
from nvcf_allowlist.config import StackConfig, load_config
from nvcf_allowlist.errors import ConfigError, RegistryConfigError
from nvcf_allowlist.parse import parse_registries
from nvcf_allowlist.registry import Registry
from nvcf_allowlist.render import ROLLOUT_ANNOTATION, registry_env, rollout_hash

__all__ = [
    "ROLLOUT_ANNOTATION",
    "ConfigError",
    "NvcfApiRelease",
    "NvcfApiReleaseArgs",
    "Registry",
    "RegistryConfigError",
    "StackConfig",
    "load_config",
    "parse_registries",
    "registry_env",
    "rollout_hash",
]
