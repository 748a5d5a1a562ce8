"""Stand-in for SciPy's HiGHS linear-programming solver (``scipy.optimize._highspy._core``, 6.7 MB).

Companion's bundle only. ``import scipy.optimize`` (which scikit-learn does when it loads) imports HiGHS
for ``linprog``/``milp``; nothing Companion runs solves a linear program (its scikit-learn parts are
KMeans, NearestNeighbors, StandardScaler and randomized_svd). Every name exists so the imports work;
using any of them raises. See docs/packaging.md.
"""

import math

kHighsInf = math.inf


class LeftOut:
    """Any HiGHS class, enum or constant: attributes are more of the same, calling one raises."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, name: str) -> "LeftOut":
        if name.startswith("__"):
            raise AttributeError(name)
        return LeftOut(f"{self._name}.{name}")

    def __call__(self, *args, **kwargs):
        raise RuntimeError(
            f"{self._name}: linear programming (SciPy's HiGHS) is not part of Companion's bundle"
        )

    def __repr__(self) -> str:
        return f"<left out of the bundle: {self._name}>"


def __getattr__(name: str) -> LeftOut:
    if name.startswith("__"):
        raise AttributeError(name)
    return LeftOut(f"HiGHS {name}")
