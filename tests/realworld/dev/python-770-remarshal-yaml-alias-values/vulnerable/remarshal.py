from __future__ import annotations


import argparse


import datetime


import json


import os.path


import re


import sys


from typing import Any, Callable, Dict, List, Mapping, Sequence, Set, Tuple, Union, cast


import cbor2  # type: ignore


import dateutil.parser


import tomlkit


import tomlkit.exceptions


import tomlkit.items


import umsgpack  # type: ignore


import yaml


import yaml.parser


import yaml.scanner


__version__ = "0.17.0"


FORMATS = ["cbor", "json", "msgpack", "toml", "yaml"]


loaders = [TimezoneLoader]


Document = Union[bool, bytes, datetime.datetime, Mapping, None, Sequence, str]


def remarshal(
    input: str,
    output: str,
    input_format: str,
    output_format: str,
    *,
    json_indent: Union[int, None] = None,
    ordered: bool = True,
    stringify: bool = False,
    transform: Union[Callable[[Document], Document], None] = None,
    unwrap: Union[str, None] = None,
    wrap: Union[str, None] = None,
    yaml_options: Dict[Any, Any] = {},
) -> None:
    input_file = None
    output_file = None

    try:
        input_file = sys.stdin.buffer if input == "-" else open(input, "rb")
        output_file = sys.stdout.buffer if output == "-" else open(output, "wb")

        input_data = input_file.read()
        if not isinstance(input_data, bytes):
            msg = "input_data must be bytes"
            raise TypeError(msg)

        parsed = decode(input_format, input_data)

        if unwrap is not None:
            if not isinstance(parsed, Mapping):
                msg = (
                    f"Top-level value of type '{type(parsed).__name__}' "
                    "cannot be unwrapped"
                )
                raise TypeError(msg)
            parsed = parsed[unwrap]
        if wrap is not None:
            temp = {}
            temp[wrap] = parsed
            parsed = temp

        if transform:
            parsed = transform(parsed)

        encoded = encode(
            output_format,
            parsed,
            json_indent=json_indent,
            ordered=ordered,
            stringify=stringify,
            yaml_options=yaml_options,
        )

        output_file.write(encoded)
    finally:
        if input_file is not None:
            input_file.close()
        if output != "-" and output_file is not None:
            output_file.close()
