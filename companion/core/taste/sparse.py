"""SciPy's sparse matrices, imported without executing NumPy submodules that nothing here uses.

SciPy (1.15 and later) brings its array-API layer with ``scipy.sparse``, and that layer clones NumPy's
namespace: it looks up every public name, and NumPy imports each lazily loaded submodule it is asked for
(``f2py``, ``testing``, ``ma``, ``polynomial``, ...). That was 0.09 s of CPU, a third of the import, on the way to a
new profile's first home. Those submodules are registered first as lazy modules (the standard library's
``importlib.util.LazyLoader``): the lookup finds them, and each one runs only when something uses it.
"""

from __future__ import annotations

import importlib.util
import sys
import threading
from typing import Any

import numpy as np

# the submodules NumPy imports on first attribute access that the clone asks for and the taste engine does not use
UNUSED = ("char", "ctypeslib", "f2py", "fft", "ma", "polynomial", "rec", "strings", "testing", "typing")
_LOCK = threading.Lock()


def scipy_sparse() -> Any:
    """The ``scipy.sparse`` module (SciPy has no type hints)."""
    if "scipy.sparse" not in sys.modules:
        with _LOCK:
            if "scipy.sparse" not in sys.modules:
                _defer_unused_numpy_submodules()
    # SciPy: only when the model is fitted
    from scipy import sparse

    return sparse


def _defer_unused_numpy_submodules() -> None:
    for short in UNUSED:
        name = f"numpy.{short}"
        if name in sys.modules:  # already imported (or already deferred)
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            continue
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
        setattr(np, short, module)  # what ``import numpy.x`` does: NumPy's own lookup finds it there
