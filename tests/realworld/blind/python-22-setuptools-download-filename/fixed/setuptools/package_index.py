"""PyPI and direct package downloading."""


from __future__ import annotations


import base64


import configparser


import hashlib


import html


import http.client


import io


import itertools


import os


import re


import shutil


import socket


import subprocess


import sys


import urllib.error


import urllib.parse


import urllib.request


from fnmatch import translate


from functools import wraps


from typing import NamedTuple


from more_itertools import unique_everseen


import setuptools


from pkg_resources import (
    BINARY_DIST,
    CHECKOUT_DIST,
    DEVELOP_DIST,
    EGG_DIST,
    SOURCE_DIST,
    Distribution,
    Environment,
    Requirement,
    find_distributions,
    normalize_path,
    parse_version,
    safe_name,
    safe_version,
    to_filename,
)


from setuptools.wheel import Wheel


from .unicode_utils import _cfg_read_utf8_with_fallback, _read_utf8_with_fallback


from distutils import log


from distutils.errors import DistutilsError


EGG_FRAGMENT = re.compile(r'^egg=([-A-Za-z0-9_.+!]+)$')


HREF = re.compile(r"""href\s*=\s*['"]?([^'"> ]+)""", re.I)


PYPI_MD5 = re.compile(
    r'<a href="([^"#]+)">([^<]+)</a>\n\s+\(<a (?:title="MD5 hash"\n\s+)'
    r'href="[^?]+\?:action=show_md5&amp;digest=([0-9a-f]{32})">md5</a>\)'
)


URL_SCHEME = re.compile('([-+.a-z0-9]{2,}):', re.I).match


EXTENSIONS = ".tar.gz .tar.bz2 .tar .zip .tgz".split()


__all__ = [
    'PackageIndex',
    'distros_for_url',
    'parse_bdist_wininst',
    'interpret_distro_name',
]


_SOCKET_TIMEOUT = 15


user_agent = f"setuptools/{setuptools.__version__} Python-urllib/{sys.version_info.major}.{sys.version_info.minor}"


def egg_info_for_url(url):
    parts = urllib.parse.urlparse(url)
    _scheme, server, path, _parameters, _query, fragment = parts
    base = urllib.parse.unquote(path.split('/')[-1])
    if server == 'sourceforge.net' and base == 'download':  # XXX Yuck
        base = urllib.parse.unquote(path.split('/')[-2])
    if '#' in base:
        base, fragment = base.split('#', 1)
    return base, fragment


REL = re.compile(r"""<([^>]*\srel\s{0,10}=\s{0,10}['"]?([^'" >]+)[^>]*)>""", re.I)


class PackageIndex(Environment):
    """A distribution index that scans web pages for download URLs"""

    dl_blocksize = 8192

    @staticmethod
    def _sanitize(name):
        r"""
        Replace unsafe path directives with underscores.

        >>> san = PackageIndex._sanitize
        >>> san('/home/user/.ssh/authorized_keys')
        '_home_user_.ssh_authorized_keys'
        >>> san('..\\foo\\bing')
        '__foo_bing'
        >>> san('D:bar')
        'D_bar'
        >>> san('C:\\bar')
        'C__bar'
        >>> san('foo..bar')
        'foo..bar'
        >>> san('D:../foo')
        'D___foo'
        """
        pattern = '|'.join((
            # drive letters
            r':',
            # path separators
            r'[/\\]',
            # parent dirs
            r'(?:(?<=([/\\]|:))\.\.(?=[/\\]|$))|(?:^\.\.(?=[/\\]|$))',
        ))
        return re.sub(pattern, r'_', name)

    @classmethod
    def _resolve_download_filename(cls, url, tmpdir):
        """
        >>> import pathlib
        >>> du = PackageIndex._resolve_download_filename
        >>> root = getfixture('tmp_path')
        >>> url = 'https://files.pythonhosted.org/packages/a9/5a/0db.../setuptools-78.1.0.tar.gz'
        >>> str(pathlib.Path(du(url, root)).relative_to(root))
        'setuptools-78.1.0.tar.gz'
        """
        name, _fragment = egg_info_for_url(url)
        name = cls._sanitize(
            name
            or
            # default if URL has no path contents
            '__downloaded__'
        )

        # strip any extra .zip before download
        name = re.sub(r'\.egg\.zip$', '.egg', name)

        return os.path.join(tmpdir, name)

    def _download_url(self, url, tmpdir):
        """
        Determine the download filename.
        """
        filename = self._resolve_download_filename(url, tmpdir)
        return self._download_vcs(url, filename) or self._download_other(url, filename)

    def _download_vcs(self, url, spec_filename):
        vcs = self._resolve_vcs(url)
        if not vcs:
            return None
        if vcs == 'svn':
            raise DistutilsError(
                f"Invalid config, SVN download is not supported: {url}"
            )

        filename, _, _ = spec_filename.partition('#')
        url, rev = self._vcs_split_rev_from_url(url)

        self.info(f"Doing {vcs} clone from {url} to {filename}")
        subprocess.check_call([vcs, 'clone', '--quiet', url, filename])

        co_commands = dict(
            git=[vcs, '-C', filename, 'checkout', '--quiet', rev],
            hg=[vcs, '--cwd', filename, 'up', '-C', '-r', rev, '-q'],
        )
        if rev is not None:
            self.info(f"Checking out {rev}")
            subprocess.check_call(co_commands[vcs])

        return filename

    def _download_other(self, url, filename):
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme == 'file':  # pragma: no cover
            return urllib.request.url2pathname(urllib.parse.urlparse(url).path)
        # raise error if not allowed
        self.url_ok(url, True)
        return self._attempt_download(url, filename)


entity_sub = re.compile(r'&(#(\d+|x[\da-fA-F]+)|[\w.:-]+);?').sub


open_with_auth = socket_timeout(_SOCKET_TIMEOUT)(open_with_auth)
