"""Fixtures for the unit tier: a clean Pulumi runtime, stack config and mocks."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pulumi
import pytest
from pulumi.runtime.mocks import MockMonitor
from pulumi.runtime.proto import resource_pb2

from nvcf_allowlist import ConfigError, load_config
from tests.unit.support import CHART

PROJECT_ROOT = Path(__file__).resolve().parents[2]
PROJECT = "nvcf-allowlist"
"""The test chart folder, relative to the project; its Chart.yaml says 1.0.0."""
RELEASE_STATUS = {"revision": 3, "version": "1.0.0", "status": "deployed"}
"""What the mocked Helm provider reports as the release's status."""

SetConfig = Callable[..., None]
Problems = Callable[..., tuple[str, ...]]


class RecordingMocks(pulumi.runtime.Mocks):
    """RecordingMocks stand in for the engine and keep every registration in order."""

    def __init__(self) -> None:
        self.registrations: list[pulumi.runtime.MockResourceArgs] = []
        """What `new_resource` received, one entry per resource."""

        self.requests: dict[str, resource_pb2.RegisterResourceRequest] = {}
        """The monitor's raw requests by resource name, for options mocks drop."""

    def new_resource(
        self, args: pulumi.runtime.MockResourceArgs
    ) -> tuple[str, dict[str, Any]]:
        self.registrations.append(args)
        state = dict(args.inputs)
        if args.typ == "kubernetes:helm.sh/v3:Release":
            state["status"] = RELEASE_STATUS
        return f"{args.name}-id", state

    def call(
        self, args: pulumi.runtime.MockCallArgs
    ) -> tuple[dict[str, Any], list[tuple[str, str]] | None]:
        raise NotImplementedError(f"no invoke is expected, got {args.token}")

    def only(self, typ: str) -> pulumi.runtime.MockResourceArgs:
        """Return the one registration of type `typ`, failing if there is not one."""
        found = [args for args in self.registrations if args.typ == typ]
        assert len(found) == 1, f"{len(found)} registrations of {typ}"
        return found[0]


class RecordingMonitor(MockMonitor):
    """A mock monitor that also keeps each request, whose options mocks do not see."""

    def __init__(self, mocks: RecordingMocks) -> None:
        super().__init__(mocks)
        self.recorder = mocks

    def RegisterResource(
        self, request: resource_pb2.RegisterResourceRequest
    ) -> resource_pb2.RegisterResourceResponse:
        self.recorder.requests[request.name] = request
        return super().RegisterResource(request)


def pulumi_encoded(value: object) -> str:
    """Return `value` as Pulumi hands config to a program: JSON unless it is text."""
    return value if isinstance(value, str) else json.dumps(value)


@pytest.fixture(autouse=True)
def clean_runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # No engine, no config: pulumi.log writes to stderr and every test starts empty.
    monkeypatch.delenv("PULUMI_CONFIG", raising=False)
    pulumi.runtime.reset_options(project="project", stack="stack")
    pulumi.runtime.set_all_config({}, [])
    yield
    pulumi.runtime.set_all_config({}, [])
    pulumi.runtime.reset_options(project="project", stack="stack")


@pytest.fixture
def in_project(monkeypatch: pytest.MonkeyPatch) -> Path:
    # Pulumi runs the program in the project folder; chart paths are relative to it.
    monkeypatch.chdir(PROJECT_ROOT)
    return PROJECT_ROOT


@pytest.fixture
def set_config() -> SetConfig:
    def set_all(values: Mapping[str, object], secrets: Iterable[str] = ()) -> None:
        pulumi.runtime.set_all_config(
            {
                f"{PROJECT}:{key}": pulumi_encoded(value)
                for key, value in values.items()
            },
            [f"{PROJECT}:{key}" for key in secrets],
        )

    return set_all


@pytest.fixture
def mocks() -> RecordingMocks:
    recorder = RecordingMocks()
    pulumi.runtime.set_mocks(
        recorder, preview=False, monitor=RecordingMonitor(recorder)
    )
    return recorder


@pytest.fixture
def problems(set_config: SetConfig, in_project: Path) -> Problems:
    # Keyword arguments override a valid stack on the local chart; () means no error.
    def check(**config: object) -> tuple[str, ...]:
        set_config({"chart": CHART, "chartVersion": "1.0.0", **config})
        try:
            load_config()
        except ConfigError as error:
            return error.problems
        return ()

    return check
