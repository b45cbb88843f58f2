from collections.abc import Container, Mapping, Sequence
from typing import TypeVar

_T = TypeVar("_T", bound=tuple[object, ...])

def tokenize(
    text: str, cache: Mapping[str, tuple[tuple[str, int, int, str, str, str], ...]],
    token_type: type[_T],
) -> list[_T]: ...

def word_hashes(text: str) -> tuple[int, bytes]: ...
def select(
    tokens: Sequence[tuple[object, ...]], field: int, members: Container[object],
    value: int = ...,
) -> list[object]: ...
def capitalized(tokens: Sequence[tuple[object, ...]]) -> list[int]: ...
def format_rows(
    columns: tuple[str, ...], rows: Sequence[Mapping[str, object]]
) -> str | None: ...
def front_coded(data: bytes) -> dict[str, str] | None: ...
