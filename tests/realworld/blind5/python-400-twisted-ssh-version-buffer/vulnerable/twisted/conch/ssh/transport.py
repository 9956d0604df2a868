"""
The lowest level SSH protocol.  This handles the key negotiation, the
encryption and the compression.  The transport layer is described in
RFC 4253.

Maintainer: Paul Swartz
"""

import binascii

import hmac

import struct

import zlib

from hashlib import md5, sha1, sha256, sha384, sha512

from typing import Dict

from cryptography.exceptions import UnsupportedAlgorithm

from cryptography.hazmat.backends import default_backend

from cryptography.hazmat.primitives import serialization

from cryptography.hazmat.primitives.asymmetric import dh, ec, x25519

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from twisted import __version__ as twisted_version

from twisted.conch.ssh import _kex, address, keys

from twisted.conch.ssh.common import MP, NS, ffs, getMP, getNS

from twisted.internet import defer, protocol

from twisted.logger import Logger

from twisted.python import randbytes

from twisted.python.compat import iterbytes, networkString

def _mpFromBytes(data):
    """Make an SSH multiple-precision integer from big-endian L{bytes}.

    Used in ECDH key exchange.

    @type data: L{bytes}
    @param data: The input data, interpreted as a big-endian octet string.

    @rtype: L{bytes}
    @return: The given data encoded as an SSH multiple-precision integer.
    """
    return MP(int.from_bytes(data, "big"))

def _getSupportedCiphers():
    """
    Build a list of ciphers that are supported by the backend in use.

    @return: a list of supported ciphers.
    @rtype: L{list} of L{str}
    """
    supportedCiphers = []
    cs = [
        b"aes256-ctr",
        b"aes256-cbc",
        b"aes192-ctr",
        b"aes192-cbc",
        b"aes128-ctr",
        b"aes128-cbc",
        b"cast128-ctr",
        b"cast128-cbc",
        b"blowfish-ctr",
        b"blowfish-cbc",
        b"3des-ctr",
        b"3des-cbc",
    ]
    for cipher in cs:
        algorithmClass, keySize, modeClass = SSHCiphers.cipherMap[cipher]
        try:
            Cipher(
                algorithmClass(b" " * keySize),
                modeClass(b" " * (algorithmClass.block_size // 8)),
                backend=default_backend(),
            ).encryptor()
        except UnsupportedAlgorithm:
            pass
        else:
            supportedCiphers.append(cipher)
    return supportedCiphers

class SSHTransportBase(protocol.Protocol):
    """
    Protocol supporting basic SSH functionality: sending/receiving packets
    and message dispatch.  To connect to or run a server, you must use
    SSHClientTransport or SSHServerTransport.

    @ivar protocolVersion: A string representing the version of the SSH
        protocol we support.  Currently defaults to '2.0'.

    @ivar version: A string representing the version of the server or client.
        Currently defaults to 'Twisted'.

    @ivar comment: An optional string giving more information about the
        server or client.

    @ivar supportedCiphers: A list of strings representing the encryption
        algorithms supported, in order from most-preferred to least.

    @ivar supportedMACs: A list of strings representing the message
        authentication codes (hashes) supported, in order from most-preferred
        to least.  Both this and supportedCiphers can include 'none' to use
        no encryption or authentication, but that must be done manually,

    @ivar supportedKeyExchanges: A list of strings representing the
        key exchanges supported, in order from most-preferred to least.

    @ivar supportedPublicKeys:  A list of strings representing the
        public key types supported, in order from most-preferred to least.

    @ivar supportedCompressions: A list of strings representing compression
        types supported, from most-preferred to least.

    @ivar supportedLanguages: A list of strings representing languages
        supported, from most-preferred to least.

    @ivar supportedVersions: A container of strings representing supported ssh
        protocol version numbers.

    @ivar isClient: A boolean indicating whether this is a client or server.

    @ivar gotVersion: A boolean indicating whether we have received the
        version string from the other side.

    @ivar buf: Data we've received but hasn't been parsed into a packet.

    @ivar outgoingPacketSequence: the sequence number of the next packet we
        will send.

    @ivar incomingPacketSequence: the sequence number of the next packet we
        are expecting from the other side.

    @ivar outgoingCompression: an object supporting the .compress(str) and
        .flush() methods, or None if there is no outgoing compression.  Used to
        compress outgoing data.

    @ivar outgoingCompressionType: A string representing the outgoing
        compression type.

    @ivar incomingCompression: an object supporting the .decompress(str)
        method, or None if there is no incoming compression.  Used to
        decompress incoming data.

    @ivar incomingCompressionType: A string representing the incoming
        compression type.

    @ivar ourVersionString: the version string that we sent to the other side.
        Used in the key exchange.

    @ivar otherVersionString: the version string sent by the other side.  Used
        in the key exchange.

    @ivar ourKexInitPayload: the MSG_KEXINIT payload we sent.  Used in the key
        exchange.

    @ivar otherKexInitPayload: the MSG_KEXINIT payload we received.  Used in
        the key exchange

    @ivar sessionID: a string that is unique to this SSH session.  Created as
        part of the key exchange, sessionID is used to generate the various
        encryption and authentication keys.

    @ivar service: an SSHService instance, or None.  If it's set to an object,
        it's the currently running service.

    @ivar kexAlg: the agreed-upon key exchange algorithm.

    @ivar keyAlg: the agreed-upon public key type for the key exchange.

    @ivar currentEncryptions: an SSHCiphers instance.  It represents the
        current encryption and authentication options for the transport.

    @ivar nextEncryptions: an SSHCiphers instance.  Held here until the
        MSG_NEWKEYS messages are exchanged, when nextEncryptions is
        transitioned to currentEncryptions.

    @ivar first: the first bytes of the next packet.  In order to avoid
        decrypting data twice, the first bytes are decrypted and stored until
        the whole packet is available.

    @ivar _keyExchangeState: The current protocol state with respect to key
        exchange.  This is either C{_KEY_EXCHANGE_NONE} if no key exchange is
        in progress (and returns to this value after any key exchange
        completqes), C{_KEY_EXCHANGE_REQUESTED} if this side of the connection
        initiated a key exchange, and C{_KEY_EXCHANGE_PROGRESSING} if the other
        side of the connection initiated a key exchange.  C{_KEY_EXCHANGE_NONE}
        is the initial value (however SSH connections begin with key exchange,
        so it will quickly change to another state).

    @ivar _blockedByKeyExchange: Whenever C{_keyExchangeState} is not
        C{_KEY_EXCHANGE_NONE}, this is a C{list} of pending messages which were
        passed to L{sendPacket} but could not be sent because it is not legal
        to send them while a key exchange is in progress.  When the key
        exchange completes, another attempt is made to send these messages.

    @ivar _peerSupportsExtensions: a boolean indicating whether the other side
        of the connection supports RFC 8308 extension negotiation.

    @ivar peerExtensions: a dict of extensions supported by the other side of
        the connection.
    """
    _log = Logger()
    protocolVersion = b"2.0"
    version = b"Twisted_" + twisted_version.encode("ascii")
    comment = b""
    ourVersionString = (
        b"SSH-" + protocolVersion + b"-" + version + b" " + comment
    ).strip()
    supportedCiphers = _getSupportedCiphers()
    supportedMACs = [
        b"hmac-sha2-512",
        b"hmac-sha2-384",
        b"hmac-sha2-256",
        b"hmac-sha1",
        b"hmac-md5",
        # `none`,
    ]
    supportedKeyExchanges = _kex.getSupportedKeyExchanges()
    supportedPublicKeys = []
    for eckey in supportedKeyExchanges:
        if eckey.find(b"ecdh") != -1:
            supportedPublicKeys += [eckey.replace(b"ecdh", b"ecdsa")]
    supportedPublicKeys += [b"ssh-rsa", b"ssh-dss"]
    if default_backend().ed25519_supported():
        supportedPublicKeys.append(b"ssh-ed25519")
    supportedCompressions = [b"none", b"zlib"]
    supportedLanguages = ()
    supportedVersions = (b"1.99", b"2.0")
    isClient = False
    gotVersion = False
    buf = b""
    outgoingPacketSequence = 0
    incomingPacketSequence = 0
    outgoingCompression = None
    incomingCompression = None
    sessionID = None
    service = None
    _KEY_EXCHANGE_NONE = "_KEY_EXCHANGE_NONE"
    _KEY_EXCHANGE_REQUESTED = "_KEY_EXCHANGE_REQUESTED"
    _KEY_EXCHANGE_PROGRESSING = "_KEY_EXCHANGE_PROGRESSING"
    _keyExchangeState = _KEY_EXCHANGE_NONE
    _blockedByKeyExchange = None
    _EXT_INFO_C = b"ext-info-c"
    _EXT_INFO_S = b"ext-info-s"
    _peerSupportsExtensions = False
    peerExtensions: Dict[bytes, bytes] = {}
    def dataReceived(self, data):
        """
        First, check for the version string (SSH-2.0-*).  After that has been
        received, this method adds data to the buffer, and pulls out any
        packets.

        @type data: L{bytes}
        @param data: The data that was received.
        """
        self.buf = self.buf + data
        if not self.gotVersion:
            if self.buf.find(b"\n", self.buf.find(b"SSH-")) == -1:
                return

            # RFC 4253 section 4.2 ask for strict `\r\n` line ending.
            # Here we are a bit more relaxed and accept implementations ending
            # only in '\n'.
            # https://tools.ietf.org/html/rfc4253#section-4.2
            lines = self.buf.split(b"\n")
            for p in lines:
                if p.startswith(b"SSH-"):
                    self.gotVersion = True
                    # Since the line was split on '\n' and most of the time
                    # it uses '\r\n' we may get an extra '\r'.
                    self.otherVersionString = p.rstrip(b"\r")
                    remoteVersion = p.split(b"-")[1]
                    if remoteVersion not in self.supportedVersions:
                        self._unsupportedVersionReceived(remoteVersion)
                        return
                    i = lines.index(p)
                    self.buf = b"\n".join(lines[i + 1 :])
        packet = self.getPacket()
        while packet:
            messageNum = ord(packet[0:1])
            self.dispatchMessage(messageNum, packet[1:])
            packet = self.getPacket()

DH_GENERATOR, DH_PRIME = _kex.getDHGeneratorAndPrime(b"diffie-hellman-group14-sha1")

MSG_DISCONNECT = 1

MSG_IGNORE = 2

MSG_UNIMPLEMENTED = 3

MSG_DEBUG = 4

MSG_SERVICE_REQUEST = 5

MSG_SERVICE_ACCEPT = 6

MSG_EXT_INFO = 7

MSG_KEXINIT = 20

MSG_NEWKEYS = 21

MSG_KEXDH_INIT = 30

MSG_KEXDH_REPLY = 31

MSG_KEX_DH_GEX_REQUEST_OLD = 30

MSG_KEX_DH_GEX_REQUEST = 34

MSG_KEX_DH_GEX_GROUP = 31

MSG_KEX_DH_GEX_INIT = 32

MSG_KEX_DH_GEX_REPLY = 33

DISCONNECT_HOST_NOT_ALLOWED_TO_CONNECT = 1

DISCONNECT_PROTOCOL_ERROR = 2

DISCONNECT_KEY_EXCHANGE_FAILED = 3

DISCONNECT_RESERVED = 4

DISCONNECT_MAC_ERROR = 5

DISCONNECT_COMPRESSION_ERROR = 6

DISCONNECT_SERVICE_NOT_AVAILABLE = 7

DISCONNECT_PROTOCOL_VERSION_NOT_SUPPORTED = 8

DISCONNECT_HOST_KEY_NOT_VERIFIABLE = 9

DISCONNECT_CONNECTION_LOST = 10

DISCONNECT_BY_APPLICATION = 11

DISCONNECT_TOO_MANY_CONNECTIONS = 12

DISCONNECT_AUTH_CANCELLED_BY_USER = 13

DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE = 14

DISCONNECT_ILLEGAL_USER_NAME = 15

messages = {}

for name, value in list(globals().items()):
    # Avoid legacy messages which overlap with never ones
    if name.startswith("MSG_") and not name.startswith("MSG_KEXDH_"):
        messages[value] = name

if "MSG_KEXDH_INIT" in messages or "MSG_KEXDH_REPLY" in messages:
    raise RuntimeError("legacy SSH mnemonics should not end up in messages dict")
