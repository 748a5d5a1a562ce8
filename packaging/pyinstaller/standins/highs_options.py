"""Stand-in for ``scipy.optimize._highspy._highs_options`` (HiGHS's option manager), Companion's bundle only.

Imported with the HiGHS solver when ``scipy.optimize`` loads; see ``highs_core.py`` beside this file.
"""

from scipy.optimize._highspy._core import LeftOut

HighsOptionsManager = LeftOut("HiGHS HighsOptionsManager")
