"""API print queries: the ``?`` words compiled into a predicate over printed rows.

How this works
--------------
RouterOS evaluates query words left to right on a stack of booleans, per item:

- ``?name`` pushes whether the item has the property; ``?-name`` whether it has not;
- ``?name=x`` (also written ``?=name=x``) pushes whether the value equals ``x``;
- ``?<name=x`` / ``?>name=x`` push whether the value is less / greater than ``x``
  (numbers and ids compare as numbers, other values as text);
- ``?#ops`` applies operations: ``!`` negates the top value, ``&`` and ``|`` pop two and
  push their and/or, a run of digits names a stack index (0 is the top) that is pushed
  as a copy when another character follows, or that replaces the whole stack when the
  word ends there; ``.`` after an index does nothing, elsewhere pushes a copy of the top.

The item is selected when every value left on the stack is true (an empty stack selects
everything). A malformed word or an operation on too few values is a
`vm.exceptions.InvalidValue`, as RouterOS refuses such a print.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from tikjobs.vm.exceptions import InvalidValue

Row = Mapping[str, str]
Predicate = Callable[[Row], bool]
Step = Callable[[list[bool], Row], None]


def _order_key(value: str) -> tuple[int, int, str]:
    """Numbers (and ``*hex`` ids) sort as numbers, before any text."""
    if value.startswith("*"):
        try:
            return (0, int(value[1:], 16), "")
        except ValueError:
            return (1, 0, value)
    try:
        return (0, int(value), "")
    except ValueError:
        return (1, 0, value)


def _bad(word: str) -> InvalidValue:
    return InvalidValue(f"invalid query word {word}")


def _has(name: str) -> Step:
    def step(stack: list[bool], row: Row) -> None:
        stack.append(name in row)

    return step


def _lacks(name: str) -> Step:
    def step(stack: list[bool], row: Row) -> None:
        stack.append(name not in row)

    return step


def _equals(name: str, value: str) -> Step:
    def step(stack: list[bool], row: Row) -> None:
        stack.append(row.get(name) == value)

    return step


def _compare(name: str, value: str, less: bool) -> Step:
    want = _order_key(value)

    def step(stack: list[bool], row: Row) -> None:
        have = row.get(name)
        if have is None:
            stack.append(False)
            return
        key = _order_key(have)
        stack.append(key < want if less else key > want)

    return step


def _pop(stack: list[bool], word: str) -> bool:
    if not stack:
        raise _bad(word)
    return stack.pop()


def _operations(word: str, ops: str) -> Step:
    """The step of one ``?#`` word (parsed once, run per item)."""
    program: list[tuple[str, int]] = []
    position = 0
    while position < len(ops):
        char = ops[position]
        if char.isdigit():
            end = position
            while end < len(ops) and ops[end].isdigit():
                end += 1
            index = int(ops[position:end])
            if end == len(ops):
                program.append(("keep", index))
            else:
                program.append(("copy", index))
                if ops[end] == ".":
                    end += 1
            position = end
            continue
        if char not in "!&|.":
            raise _bad(word)
        program.append((char, 0))
        position += 1

    def step(stack: list[bool], row: Row) -> None:
        for op, index in program:
            if op == "!":
                stack.append(not _pop(stack, word))
            elif op == "&":
                right, left = _pop(stack, word), _pop(stack, word)
                stack.append(left and right)
            elif op == "|":
                right, left = _pop(stack, word), _pop(stack, word)
                stack.append(left or right)
            elif op == ".":
                if not stack:
                    raise _bad(word)
                stack.append(stack[-1])
            else:
                if index >= len(stack):
                    raise _bad(word)
                value = stack[-1 - index]
                if op == "copy":
                    stack.append(value)
                else:
                    stack[:] = [value]

    return step


def _compile_word(word: str) -> Step:
    if not word.startswith("?") or len(word) < 2:
        raise _bad(word)
    body = word[1:]
    if body.startswith("#"):
        return _operations(word, body[1:])
    if body[0] in "<>":
        name, sep, value = body[1:].partition("=")
        if not name or not sep:
            raise _bad(word)
        return _compare(name, value, body[0] == "<")
    if body.startswith("-"):
        return _lacks(body[1:])
    name, sep, value = _plain(body)
    if not name:
        raise _bad(word)
    return _equals(name, value) if sep else _has(name)


def _plain(body: str) -> tuple[str, str, str]:
    """A ``?name``, ``?name=x`` or ``?=name=x`` word's body (after the ``?``) as name,
    separator and value (the separator empty for ``?name``)."""
    return (body[1:] if body.startswith("=") else body).partition("=")


def compile_query(words: Sequence[str]) -> Predicate | None:
    """The predicate the query words select by; None when there are no words."""
    if not words:
        return None
    steps = [_compile_word(word) for word in words]

    def predicate(row: Row) -> bool:
        stack: list[bool] = []
        for step in steps:
            step(stack, row)
        return all(stack)

    return predicate


def sole_equality(words: Sequence[str]) -> tuple[str, str] | None:
    """The property and value of a query that is one equality word (``?name=x`` or
    ``?=name=x``), which an index can answer; None for any other query."""
    if len(words) != 1 or not words[0].startswith("?") or words[0][1:2] in ("#", "<", ">", "-"):
        return None
    name, sep, value = _plain(words[0][1:])
    return (name, value) if name and sep else None


def where_equal(attrs: Mapping[str, str]) -> Predicate | None:
    """The predicate of console-style ``find name=x`` filters (every value equal)."""
    if not attrs:
        return None
    wanted = tuple(attrs.items())

    def predicate(row: Row) -> bool:
        return all(row.get(name) == value for name, value in wanted)

    return predicate
