"""One botocore data loader for the whole test run.

Every test builds fresh boto3 clients (moto is reset per test), and every new botocore session
re-reads the same service JSON from disk. Sharing the loader, whose results botocore itself caches,
keeps what is tested the same and saves most of the suite's time.
"""
from __future__ import annotations

import botocore.loaders
import botocore.session

_loader: botocore.loaders.Loader | None = None


def _register_shared_loader(session: botocore.session.Session) -> None:
    def shared() -> botocore.loaders.Loader:
        global _loader
        if _loader is None:
            _loader = botocore.loaders.create_loader(session.get_config_variable("data_path"))
        return _loader

    session._components.lazy_register_component("data_loader", shared)


def install() -> None:
    botocore.session.Session._register_data_loader = _register_shared_loader
