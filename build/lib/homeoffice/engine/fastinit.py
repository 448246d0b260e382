"""A faster __init__ for the frozen result dataclasses that compute() builds for every case.

dataclasses' generated __init__ for a frozen class sets each field with object.__setattr__ (to get past the
class's own __setattr__, which raises FrozenInstanceError). That costs a few hundred nanoseconds a field, and
compute() fills some 40 such fields per case (Result, HomeActual, SimplifiedUse, Comparison) — a noticeable
part of the engine's throughput goal (issue #3). For a class whose instances have a __dict__ (no __slots__),
one dict update does the same job. The generated __init__ has the same signature (names, order, defaults),
so positional and keyword calls, dataclasses.replace() and pickling behave exactly as before; instances stay
frozen (assignment still raises) and __eq__/__repr__/__hash__ are the dataclass's own.
"""

from __future__ import annotations

import dataclasses


def quick_init(cls):
    """Class decorator, applied on top of @dataclass(frozen=True): replace __init__ as described above."""
    params = cls.__dataclass_params__
    fields = dataclasses.fields(cls)
    if not params.frozen or "__slots__" in cls.__dict__ or hasattr(cls, "__post_init__"):
        raise TypeError(
            f"quick_init: {cls.__name__} must be a frozen dataclass without slots or __post_init__"
        )
    defaults = {}
    args = []
    for f in fields:
        if not f.init or f.kw_only or f.default_factory is not dataclasses.MISSING:
            raise TypeError(f"quick_init: field {cls.__name__}.{f.name} is not a plain positional field")
        if f.default is dataclasses.MISSING:
            args.append(f.name)
        else:
            defaults[f"_default_{f.name}"] = f.default
            args.append(f"{f.name}=_default_{f.name}")
    assignments = ", ".join(f"{f.name}={f.name}" for f in fields)
    source = f"def __init__(self, {', '.join(args)}):\n    self.__dict__.update({assignments})\n"
    namespace: dict = {}
    exec(source, defaults, namespace)  # noqa: S102 — generated from field names only, as dataclasses does
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__doc__ = cls.__init__.__doc__
    cls.__init__ = init
    return cls
