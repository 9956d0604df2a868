# -*- coding: utf-8 -*-
from __future__ import absolute_import, print_function, unicode_literals

HASH_REGEX = r"--hash[=| ]\w+:\w+"
