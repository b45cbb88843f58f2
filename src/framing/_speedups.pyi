from collections.abc import Mapping
from typing import TypeVar

_T = TypeVar("_T", bound=tuple[object, ...])

def tokenize(
    text: str, cache: Mapping[str, tuple[tuple[str, int, int, str, str, str], ...]],
    token_type: type[_T],
) -> list[_T]: ...

def word_hashes(text: str) -> tuple[int, bytes]: ...
