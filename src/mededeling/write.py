"""Putting a build's files in place without ever leaving a half-written folder.

The files go to a temporary folder beside the target first; only when all of them are
there does that folder take the target's place. An interrupted build leaves the
previous output as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def write_folder(target: Path, files: dict[str, bytes]) -> Path:
    target = target.resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.nieuw-", dir=target.parent))
    try:
        for name, content in files.items():
            (staging / name).write_bytes(content)
            os.chmod(staging / name, 0o644)
        os.chmod(staging, 0o755)
        old = None
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}.oud-", dir=target.parent))
            os.rmdir(old)
            os.rename(target, old)
        try:
            os.rename(staging, target)
        except BaseException:
            if old is not None:
                os.rename(old, target)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return target
