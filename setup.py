"""Only what pyproject.toml cannot say: the top-level ``resources/`` folder ships inside the package.

A wheel (and so ``pip install``) carries it as ``companion/resources``; a checkout and an editable
install read it in place (``companion/core/resources.py`` looks in both).
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["companion", "companion.*"]), "companion.resources"],
    package_dir={"companion.resources": "resources"},
)
