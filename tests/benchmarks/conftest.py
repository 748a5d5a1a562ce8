"""A tiny MovieLens-shaped data set for the evaluation's tests."""

import pytest

from benchmarks.eval.movielens import load_movielens

MOVIES = """movieId,title,genres
1,Toy Story (1995),Adventure|Animation|Children
2,"Misérables, Les (1995)",Drama
3,Alien (1979),Horror|Sci-Fi
4,Aliens (1986),Action|Horror|Sci-Fi
5,Babylon 5,Sci-Fi
6,Heat (1995),Action|Crime
7,Cosmos,(no genres listed)
8,Annie Hall (1977),Comedy|Romance
"""
RATINGS = """userId,movieId,rating,timestamp
1,3,5.0,100
1,1,2.0,100
1,4,4.5,200
1,5,4.0,300
1,6,1.0,400
2,3,5.0,50
2,4,5.0,60
2,8,3.0,70
3,3,4.0,500
3,4,4.0,510
3,5,4.0,520
"""
TAGS = """userId,movieId,tag,timestamp
1,3,space,100
2,3,scary,60
2,1,pixar,60
"""


@pytest.fixture
def tiny(tmp_path):
    for name, text in (("movies", MOVIES), ("ratings", RATINGS), ("tags", TAGS)):
        (tmp_path / f"{name}.csv").write_text(text, encoding="utf-8")
    return load_movielens(tmp_path)
