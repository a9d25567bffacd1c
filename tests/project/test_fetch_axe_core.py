"""axe-core for the browser tests is fetched by the project itself, and only the pinned
tarball is accepted: its sha512 must be the one recorded from the npm registry."""

import base64
import io
import tarfile

import pytest

import scripts.fetch_axe_core as fetcher


def tarball(script: bytes = b"window.axe = {};") -> bytes:
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        info = tarfile.TarInfo(fetcher.MEMBER)
        info.size = len(script)
        archive.addfile(info, io.BytesIO(script))
    return out.getvalue()


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setattr(fetcher, "CACHE", tmp_path)
    return tmp_path


def test_the_pin_is_a_version_and_its_registry_integrity():
    assert (
        f"https://registry.npmjs.org/axe-core/-/axe-core-{fetcher.VERSION}.tgz"
    ) == fetcher.TARBALL
    assert fetcher.VERSION.startswith("4.")
    digest = base64.b64decode(fetcher.INTEGRITY.removeprefix("sha512-"))
    assert len(digest) == 64


def test_the_pinned_tarball_is_unpacked_into_the_cache_once(cache, monkeypatch):
    data = tarball()
    monkeypatch.setattr(fetcher, "INTEGRITY", fetcher.integrity_of(data))
    downloads = []
    monkeypatch.setattr(fetcher, "download", lambda: downloads.append(1) or data)
    path = fetcher.ensure()
    assert path == cache / "axe-core" / fetcher.VERSION / "axe.min.js"
    assert path.read_bytes() == b"window.axe = {};"
    assert fetcher.ensure() == path and downloads == [1]


def test_any_other_tarball_is_refused_and_nothing_is_written(cache, monkeypatch):
    monkeypatch.setattr(fetcher, "download", lambda: tarball(b"window.axe = 'tampered';"))
    with pytest.raises(ValueError, match="integrity"):
        fetcher.ensure()
    assert not fetcher.cached_path().exists()


def test_only_https_is_fetched():
    with pytest.raises(ValueError, match="HTTPS"):
        fetcher.download("http://registry.npmjs.org/axe-core/-/axe-core-4.14.1.tgz")
