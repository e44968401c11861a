"""Build hook: copy the top-level ``rules/`` packs into the package, so the wheel ships them."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithRules(build_py):
    """Copy ``rules/*.yaml`` into ``recordlint/rules`` inside the build tree."""

    def run(self) -> None:
        super().run()
        source = Path(__file__).resolve().parent / "rules"
        target = Path(self.build_lib) / "recordlint" / "rules"
        target.mkdir(parents=True, exist_ok=True)
        for pack in sorted(source.glob("*.yaml")):
            shutil.copy2(pack, target / pack.name)


setup(cmdclass={"build_py": BuildWithRules})
