
# slixmpp.xmlstream.xmlstream
# ~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
# This module provides the module for creating and
# interacting with generic XML streams, along with
# the necessary eventing infrastructure.
# Part of Slixmpp: The Slick XMPP Library
# :copyright: (c) 2011 Nathanael C. Fritz
# :license: MIT, see LICENSE for more details
from typing import (
    Any,
    Dict,
    Awaitable,
    Generator,
    Coroutine,
    Callable,
    Iterator,
    Iterable,
    List,
    Optional,
    Set,
    Union,
    Tuple,
    TypeVar,
    NoReturn,
    Type,
    cast,
)
import asyncio
import functools
import logging
import socket as Socket
import ssl
import uuid
import warnings
import weakref
import collections
from contextlib import contextmanager
import xml.etree.ElementTree as ET
from asyncio import (
    AbstractEventLoop,
    BaseTransport,
    Future,
    Task,
    TimerHandle,
    Transport,
    iscoroutinefunction,
    wait,
)
from pathlib import Path
from slixmpp.types import FilterString
from slixmpp.xmlstream.tostring import tostring
from slixmpp.xmlstream.stanzabase import StanzaBase, ElementBase
from slixmpp.xmlstream.resolver import resolve, default_resolver
from slixmpp.xmlstream.handler.base import BaseHandler
T = TypeVar('T')
RESPONSE_TIMEOUT = 30
log = logging.getLogger(__name__)
_T = TypeVar('_T', str, ElementBase, StanzaBase)
SyncFilter = Callable[[StanzaBase], Optional[StanzaBase]]
AsyncFilter = Callable[[StanzaBase], Awaitable[Optional[StanzaBase]]]
_FiltersDict = Dict[str, List[Filter]]


class XMLStream(asyncio.BaseProtocol):
    """
    An XML stream connection manager and event dispatcher.

    The XMLStream class abstracts away the issues of establishing a
    connection with a server and sending and receiving XML "stanzas".
    A stanza is a complete XML element that is a direct child of a root
    document element. Two streams are used, one for each communication
    direction, over the same socket. Once the connection is closed, both
    streams should be complete and valid XML documents.

    Three types of events are provided to manage the stream:
        :Stream: Triggered based on received stanzas, similar in concept
                 to events in a SAX XML parser.
        :Custom: Triggered manually.
        :Scheduled: Triggered based on time delays.

    Typically, stanzas are first processed by a stream event handler which
    will then trigger custom events to continue further processing,
    especially since custom event handlers may run in individual threads.

    :param socket: Use an existing socket for the stream. Defaults to
                   ``None`` to generate a new socket.
    :param string host: The name of the target server.
    :param int port: The port to use for the connection. Defaults to 0.
    """
    transport: Optional[Transport]
    socket: Optional[ssl.SSLSocket]
    _connect_loop_wait: float
    parser: Optional[ET.XMLPullParser]
    xml_depth: int
    xml_root: Optional[ET.Element]
    force_starttls: Optional[bool]
    disable_starttls: Optional[bool]
    waiting_queue: asyncio.Queue
    scheduled_events: Dict[str, TimerHandle]
    ssl_context: ssl.SSLContext
    event_when_connected: str
    ciphers: Optional[str]
    ca_certs: Optional[Union[Path, Iterable[Path]]]
    certfile: Optional[str]
    keyfile: Optional[str]
    _loop: Optional[AbstractEventLoop]
    default_port: int
    default_domain: str
    _expected_server_name: str
    _service_name: str
    address: Tuple[str, int]
    use_ssl: bool
    use_ipv6: bool
    use_aiodns: bool
    use_cdata: bool
    default_ns: str
    default_lang: Optional[str]
    peer_default_lang: Optional[str]
    stream_ns: str
    stream_header: str
    stream_footer: str
    whitespace_keepalive: bool
    whitespace_keepalive_interval: int
    end_session_on_disconnect: bool
    namespace_map: dict
    __root_stanza: List[Type[StanzaBase]]
    __handlers: List[BaseHandler]
    __event_handlers: Dict[str, List[Tuple[Handler, bool]]]
    __filters: _FiltersDict
    _current_connection_attempt: Optional[Future]
    _dns_answers: Optional[Iterator[Tuple[str, str, int]]]
    dns_service: Optional[str]
    disconnect_reason: Optional[str]
    disconnected: Future
    _session_started: bool
    _always_send_everything: bool
    _run_out_filters: Optional[Future]
    __slow_tasks: List[Task]
    __queued_stanzas: List[Tuple[Union[StanzaBase, str], bool]]

    def __init__(self, host: str = '', port: int = 0):
        self.transport = None
        self.socket = None
        self._connect_loop_wait = 0

        self.parser = None
        self.xml_depth = 0
        self.xml_root = None

        self.force_starttls = None
        self.disable_starttls = None

        self.waiting_queue = asyncio.Queue()

        # A dict of {name: handle}
        self.scheduled_events = {}

        self.ssl_context = ssl.create_default_context()
        self.ssl_context.check_hostname = False
        self.ssl_context.verify_mode = ssl.CERT_NONE

        self.event_when_connected = "connected"

        self.ciphers = None

        self.ca_certs = None

        self.keyfile = None

        self._loop = None

        self.default_port = int(port)
        self.default_domain = ''

        self._expected_server_name = ''
        self._service_name = ''

        self.address = (host, int(port))

        self.use_ssl = False
        self.use_ipv6 = True

        self.use_aiodns = True
        self.use_cdata = False

        self.default_ns = ''

        self.default_lang = None
        self.peer_default_lang = None

        self.stream_ns = ''
        self.stream_header = "<stream>"
        self.stream_footer = "</stream>"

        self.whitespace_keepalive = True
        self.whitespace_keepalive_interval = 300

        self.end_session_on_disconnect = True
        self.namespace_map = {StanzaBase.xml_ns: 'xml'}

        self.__root_stanza = []
        self.__handlers = []
        self.__event_handlers = {}
        self.__filters = {
            'in': [], 'out': [], 'out_sync': []
        }

        self._current_connection_attempt = None

        self._dns_answers = None
        self.dns_service = None

        self.disconnect_reason = None
        self.disconnected = Future()
        self._session_started = False
        self._always_send_everything = False

        self.add_event_handler('disconnected', self._remove_schedules)
        self.add_event_handler('disconnected', self._set_disconnected)
        self.add_event_handler('session_start', self._start_keepalive)
        self.add_event_handler('session_start', self._set_session_start)
        self.add_event_handler('session_resumed', self._set_session_start)

        self._run_out_filters = None
        self.__slow_tasks = []
        self.__queued_stanzas = []

    async def start_tls(self) -> bool:
        """Perform handshakes for TLS.

        If the handshake is successful, the XML stream will need
        to be restarted.
        """
        if self.transport is None:
            raise ValueError("Transport should not be None")
        self.event_when_connected = "tls_success"
        ssl_context = self.get_ssl_context()
        try:
            if hasattr(self.loop, 'start_tls'):
                transp = await self.loop.start_tls(self.transport,
                                                   self, ssl_context)
            # Python < 3.7
            else:
                transp, _ = await self.loop.create_connection(
                    lambda: self,
                    ssl=self.ssl_context,
                    sock=self.socket,
                    server_hostname=self.default_domain
                )
        except ssl.SSLError as e:
            log.debug('SSL: Unable to connect', exc_info=True)
            log.error('CERT: Invalid certificate trust chain.')
            if not self.event_handled('ssl_invalid_chain'):
                self.disconnect()
            else:
                self.event('ssl_invalid_chain', e)
            return False
        except OSError as exc:
            log.debug("Connection error:", exc_info=True)
            self.disconnect()
            return False
        der_cert = transp.get_extra_info("ssl_object").getpeercert(True)
        pem_cert = ssl.DER_cert_to_PEM_cert(der_cert)
        self.event('ssl_cert', pem_cert)
        # If we use the builtin start_tls, the connection_made() protocol
        # method is not called automatically
        if hasattr(self.loop, 'start_tls'):
            self.connection_made(transp)
        return True
