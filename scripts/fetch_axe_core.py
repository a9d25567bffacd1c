#!/usr/bin/env python3
"""Fetch axe-core, the accessibility engine the browser tests run in each page, without node.

Steps:
1. If the cache (.cache/axe-core/, git-ignored) already holds axe.min.js of VERSION, stop.
2. Download the package's tarball from the npm registry (TARBALL).
3. Check it against INTEGRITY, the registry's sha512 for that version, pinned here: a
   tarball that differs is refused and nothing is written.
4. Extract package/axe.min.js into the cache, atomically.

`make test` runs this; the browser tests' fixture calls `ensure()` too, so running pytest
alone works. To move to another version, take `dist.integrity` from
https://registry.npmjs.org/axe-core/<version> and change both constants.

    python scripts/fetch_axe_core.py    # prints the path of axe.min.js
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
INTEGRITY = (  # the registry's dist.integrity for VERSION
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
MEMBER = "package/axe.min.js"
CACHE = Path(os.environ.get("ENVOY_CACHE_DIR") or Path(__file__).resolve().parents[1] / ".cache")


def cached_path() -> Path:
    return CACHE / "axe-core" / VERSION / "axe.min.js"


def integrity_of(data: bytes) -> str:
    """Subresource-integrity form of the data's sha512, as npm records it."""
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


def axe_script(tarball: bytes) -> bytes:
    """axe.min.js from the package's tarball, once the tarball is known to be the pinned one."""
    found = integrity_of(tarball)
    if found != INTEGRITY:
        raise ValueError(f"axe-core {VERSION}: the tarball's integrity is {found}, not {INTEGRITY}")
    with tarfile.open(fileobj=io.BytesIO(tarball), mode="r:gz") as archive:
        member = archive.extractfile(MEMBER)
        if member is None:
            raise ValueError(f"axe-core {VERSION}: no {MEMBER} in the tarball")
        return member.read()


def download(url: str = TARBALL, timeout: float = 60) -> bytes:
    if not url.startswith("https://"):
        raise ValueError(f"refusing to fetch {url} over anything but HTTPS")
    with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (HTTPS only)
        data: bytes = response.read()
    return data


def ensure() -> Path:
    """The path of axe.min.js, fetched and checked first if the cache lacks it."""
    path = cached_path()
    if path.is_file():
        return path
    script = axe_script(download())
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as partial:
        partial.write(script)
    os.chmod(partial.name, 0o644)
    Path(partial.name).replace(path)
    return path


def main() -> int:
    try:
        print(ensure())
    except (OSError, ValueError) as error:
        print(f"Could not fetch axe-core {VERSION}: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
