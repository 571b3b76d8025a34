"""Tests for rendering registries into env values and the rollout hash."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nvcf_allowlist import Registry
from nvcf_allowlist.render import registry_env, rollout_hash
from tests.unit.support import GHCR, GHCR_ENV, PREFIX, QUAY, QUAY_ENV

# Canonical JSON written out by hand: sorted keys, no spaces, non-ASCII escaped.
GHCR_QUAY_JSON = (
    f'{{"{PREFIX}GHCR_HOSTNAME":"ghcr.io",'
    f'"{PREFIX}GHCR_NAME":"GitHub Container Registry",'
    f'"{PREFIX}QUAY_HOSTNAME":"quay.io",'
    f'"{PREFIX}QUAY_NAME":"R\\u00e9gistre \\u03a9mega"}}'
)
GHCR_QUAY_HASH = hashlib.sha256(GHCR_QUAY_JSON.encode("ascii")).hexdigest()
# From sha256sum, outside Python: GHCR alone, and no registries ("{}").
GHCR_HASH = "8c5b96d2d36207b601b45946c7c357cb5026b65a6f5343fe38adbf68db0190d5"
EMPTY_HASH = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"

# No deadline: the first example pays for compiling the regex strategies.
PROPERTY = settings(max_examples=60, deadline=None)
BUILTIN_KEYS = {"DOCKER", "NGC", "ECR", "ECRPUBLIC", "VOLCENGINE", "ACR", "HARBOR"}
keys = st.from_regex(r"[A-Z][A-Z0-9]{0,7}", fullmatch=True).filter(
    lambda key: key not in BUILTIN_KEYS  # ARTIFACTORY is too long to be drawn
)
# Names end in a digit, so none is a built-in display name.
names = st.from_regex(r"[A-Za-zé][A-Za-z0-9 éΩ.'-]{0,20}[0-9]", fullmatch=True)
label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
# Under .example no hostname is one NVCF has built in, unless it names azurecr.io.
hostnames = st.lists(label, min_size=1, max_size=3).map(
    lambda labels: ".".join([*labels, "example"])
)
registries = st.lists(
    st.builds(Registry, key=keys, name=names, hostname=hostnames),
    max_size=6,
    unique_by=(lambda r: r.key, lambda r: r.name, lambda r: r.hostname),
).filter(lambda found: not any("azurecr.io" in r.hostname for r in found))


def test_registry_env_holds_two_values_per_registry() -> None:
    """Each registry renders its name and hostname under its key's env names."""
    assert registry_env([GHCR, QUAY]) == {**GHCR_ENV, **QUAY_ENV}
    assert registry_env([]) == {}


@pytest.mark.parametrize(
    ("entries", "expected"),
    [([], EMPTY_HASH), ([GHCR], GHCR_HASH), ([QUAY, GHCR], GHCR_QUAY_HASH)],
    ids=["none", "ghcr", "non-ascii"],
)
def test_rollout_hash_is_sha256_of_canonical_json(entries, expected: str) -> None:
    """The rollout hash is sha256 over sorted, compact, ASCII-escaped env JSON."""
    assert rollout_hash(entries) == expected


def test_rollout_hash_is_the_same_in_another_process() -> None:
    """Another interpreter, with another hash seed and entry order, agrees."""
    script = (
        "from nvcf_allowlist import Registry as R, rollout_hash\n"
        "quay = R(key='QUAY', name='R\\u00e9gistre \\u03a9mega', hostname='quay.io')\n"
        "ghcr = R(key='GHCR', name='GitHub Container Registry', hostname='ghcr.io')\n"
        "print(rollout_hash([ghcr, quay]))\n"
    )
    env = {**os.environ, "PYTHONHASHSEED": "4242"}

    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env
    )

    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        GHCR_QUAY_HASH + "\n",
        "",
    )


@PROPERTY
@given(registries)
def test_rollout_hash_is_lowercase_hex(found: list[Registry]) -> None:
    """The rollout hash is 64 lowercase hex digits."""
    assert re.fullmatch(r"[0-9a-f]{64}", rollout_hash(found))


@PROPERTY
@given(st.data(), registries)
def test_rollout_hash_ignores_entry_order(data, found: list[Registry]) -> None:
    """Reordering the registries does not change the rollout hash."""
    shuffled = data.draw(st.permutations(found))

    assert rollout_hash(shuffled) == rollout_hash(found)


@PROPERTY
@given(st.data(), registries.filter(bool))
def test_rollout_hash_changes_with_any_field(data, found: list[Registry]) -> None:
    """Changing one registry's key, name or hostname changes the rollout hash."""
    index = data.draw(st.integers(0, len(found) - 1))
    field = data.draw(st.sampled_from(["key", "name", "hostname"]))
    taken = {getattr(registry, field) for registry in found}
    strategy = {"key": keys, "name": names, "hostname": hostnames}[field]
    value = data.draw(strategy.filter(lambda new: new not in taken))
    changed = list(found)
    fields = found[index].model_dump(by_alias=True)
    changed[index] = Registry(**{**fields, field: value})

    assert rollout_hash(changed) != rollout_hash(found)
