"""The sdist carries the rule packs, and the wheel built from that sdist ships them in the
package, with the licence and project metadata."""

from __future__ import annotations

import email
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

pytest.importorskip("build")
pytest.importorskip("hatchling")

PACKS = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> tuple[Path, Path]:
    """(sdist, wheel built from the sdist), built without network access to an index."""
    out = tmp_path_factory.mktemp("dist")
    build = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out)]
    subprocess.run([*build, "--sdist", str(ROOT)], check=True, capture_output=True)
    (sdist,) = out.glob("recordlint-*.tar.gz")
    subprocess.run([*build, "--wheel", str(sdist)], check=True, capture_output=True)
    (wheel,) = out.glob("recordlint-*.whl")
    return sdist, wheel


def test_sdist_holds_the_top_level_rule_packs_and_the_licence(dist):
    sdist, _ = dist
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert PACKS and {f"rules/{pack}" for pack in PACKS} <= names
    assert {"LICENSE", "README.md", "src/recordlint/cli.py"} <= names
    assert not any(name.startswith((".venv/", ".git/")) for name in names)


def test_wheel_from_the_sdist_ships_the_packs_inside_the_package(dist):
    _, wheel = dist
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for pack in PACKS:
            shipped = archive.read(f"recordlint/rules/{pack}")
            assert shipped == (ROOT / "rules" / pack).read_bytes()
        (metadata_name,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        metadata = email.message_from_bytes(archive.read(metadata_name))
    assert "recordlint/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert metadata["License-Expression"] == "MIT"
    classifiers = metadata.get_all("Classifier")
    assert "Programming Language :: Python :: 3.10" in classifiers
    urls = metadata.get_all("Project-URL")
    assert any(u.startswith("Source, https://") for u in urls), urls
    assert not any(n.startswith("rules/") for n in names)  # only inside the package


def test_installed_layout_finds_the_packs_in_the_package(dist, tmp_path):
    """Unpacked where nothing else is beside it, the wheel's package loads its own packs."""
    _, wheel = dist
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(tmp_path)
    code = (
        "from recordlint.checks.packs import builtin_rules_dir, load_rule_specs\n"
        "print(builtin_rules_dir())\nprint(len(load_rule_specs()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    folder, count = result.stdout.split()
    assert Path(folder) == tmp_path / "recordlint" / "rules"
    assert int(count) > 10


def test_license_file_is_mit():
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License") and "WITHOUT WARRANTY OF ANY KIND" in text
