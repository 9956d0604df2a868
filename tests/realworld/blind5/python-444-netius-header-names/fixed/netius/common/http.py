__author__ = "João Magalhães <joamag@hive.pt>"

""" The author(s) of the module """

__version__ = "1.0.0"

""" The version of the module """

__revision__ = "$LastChangedRevision$"

""" The revision number of the module """

__date__ = "$LastChangedDate$"

""" The last change date of the module """

__copyright__ = "Copyright (c) 2008-2020 Hive Solutions Lda."

""" The copyright for the module """

__license__ = "Apache License, Version 2.0"

""" The license for the module """

import re

import tempfile

import netius

from . import util

from . import parser

FILE_LIMIT = 5242880

""" The limit value (in bytes) from which the back-end
message storage mechanism will start using a file system
stored file instead of an in memory object, this way it's
possible to avoid memory starvation problems, this is a
default value for the parser and may be overriden using
the dedicated parameter value in the constructor """

REQUEST = 1

""" The HTTP request message indicator, should be
used when identifying the HTTP request messages """

RESPONSE = 2

""" Indicator for the response HTTP message, can be
used to identify chunks of data that represent an
HTTP based response """

LINE_STATE = 1

""" The initial state where the status line is meant
to be read as expected by the HTTP specification """

HEADERS_STATE = 2

""" State here the headers are waiting to be read this
state exits when the end of headers sequence is found
and the headers are parsed """

MESSAGE_STATE = 3

""" The message state for the situations where the message
is waiting to be processed (read) this state may persist
for some time if the message is big enough """

FINISH_STATE = 4

""" The final state set when the complete HTTP request or
response has been processed, if a parse operation starts
with this state the parsed is reseted """

PLAIN_ENCODING = 1

""" Plain text encoding that does not transform the
data from its based format, should be used only as
a fallback method because of performance issues """

CHUNKED_ENCODING = 2

""" Chunked based encoding that allows the sending of
the data as a series of length based parts """

GZIP_ENCODING = 3

""" The gzip based encoding used to compress data, this
kind of encoding will always used chunked encoding so
that the content may be send in parts """

DEFLATE_ENCODING = 4

""" The deflate based encoding used to compress data, this
kind of encoding will always used chunked encoding so
that the content may be send in parts """

HTTP_09 = 1

""" The enumeration value for the temporary and beta HTTP
version 0.9 version (very rare) """

HTTP_10 = 2

""" Value for the first version of the HTTP specification,
connection running under this version should be closed right
away as defined in the specification """

HTTP_11 = 3

""" Current version of the HTTP specification should be the
most commonly used nowadays, connection running under this
version of the protocol should keep connections open """

VERSIONS_MAP = {
    "HTTP/0.9" : HTTP_09,
    "HTTP/1.0" : HTTP_10,
    "HTTP/1.1" : HTTP_11
}

""" Maps associating the standard HTTP version string with the
corresponding enumeration based values for each of them """

CODE_STRINGS = {
    100 : "Continue",
    101 : "Switching Protocols",
    200 : "OK",
    201 : "Created",
    202 : "Accepted",
    203 : "Non-Authoritative Information",
    204 : "No Content",
    205 : "Reset Content",
    206 : "Partial Content",
    207 : "Multi-Status",
    301 : "Moved permanently",
    302 : "Found",
    303 : "See Other",
    304 : "Not Modified",
    305 : "Use Proxy",
    306 : "(Unused)",
    307 : "Temporary Redirect",
    400 : "Bad Request",
    401 : "Unauthorized",
    402 : "Payment Required",
    403 : "Forbidden",
    404 : "Not Found",
    405 : "Method Not Allowed",
    406 : "Not Acceptable",
    407 : "Proxy Authentication Required",
    408 : "Request Timeout",
    409 : "Conflict",
    410 : "Gone",
    411 : "Length Required",
    412 : "Precondition Failed",
    413 : "Request Entity Too Large",
    414 : "Request-URI Too Long",
    415 : "Unsupported Media Type",
    416 : "Requested Range Not Satisfiable",
    417 : "Expectation Failed",
    500 : "Internal Server Error",
    501 : "Not Implemented",
    502 : "Bad Gateway",
    503 : "Service Unavailable",
    504 : "Gateway Timeout",
    505 : "HTTP Version Not Supported"
}

""" Dictionary associating the error code as integers
with the official descriptive message for it """

HEADER_NAME_REGEX = re.compile(r"^[\!\#\$\%\&'\*\+\-\.\^\_\`\~0-9a-zA-Z]+$")

""" Regular expression to be used in the validation of the
header naming tokens, so that only the valid names are captured
avoiding possible security issues, should be compliant with RFC 7230 """

class HTTPParser(parser.Parser):
    """
    Parser object for the HTTP format, should be able to
    parse both request and response messages.

    The parser itself should be event driven an callback
    functions should be called upon partials information
    parsing. But the object itself is not thread safe.
    """
    FIELDS = (
        "_pid",
        "type",
        "store",
        "file_limit",
        "state",
        "buffer",
        "headers",
        "message",
        "method",
        "version",
        "code",
        "keep_alive",
        "line_s",
        "headers_s",
        "method_s",
        "path_s",
        "version_s",
        "code_s",
        "status_s",
        "connection_s",
        "message_s",
        "message_f",
        "content_l",
        "message_l",
        "transfer_e",
        "encodings",
        "chunked",
        "chunk_d",
        "chunk_l",
        "chunk_s",
        "chunk_e"
    )
    def __init__(
        self,
        owner,
        type = REQUEST,
        store = False,
        file_limit = FILE_LIMIT
    ):
        parser.Parser.__init__(self, owner)

        self.build()
        self.reset(type = type, store = store, file_limit = file_limit)
    def _parse_headers(self, data):
        # creates a temporary buffer with the contents of
        # the current buffer plus the current data and then
        # joins it to retrieve the current complete buffer
        # string to be used in the finding of the end of
        # header sequence (required for complete parsing)
        buffer_t = self.buffer + [data]
        buffer_s = b"".join(buffer_t)

        # tries to find the end of headers sequence in case
        # it's not found returns the zero value meaning that
        # the no bytes have been processed (delays parsing)
        index = buffer_s.find(b"\r\n\r\n")
        if index == -1: return 0

        # retrieves the partial headers string from the buffer
        # string and then deletes the current buffer so that
        # it may be reused for other partial parsings
        self.headers_s = buffer_s[:index]
        del self.buffer[:]

        # calculates the base length as the difference between
        # the buffer string and the length of the currently
        # provided data value and then uses this value to calculate
        # the base index for the process data count value
        base_length = len(buffer_s) - len(data)
        base_index = index - base_length

        # splits the complete set of lines that compromise
        # the headers and then iterates over each of them
        # to set the key and value in the headers map
        lines = self.headers_s.split(b"\r\n")
        for line in lines:
            # verifies if the line contains any information if
            # that's not the case the current cycle must be
            # skipped as this may be an extra empty line
            if not line: continue

            # tries to split the line around the key to value
            # separator in case there's no valid split (two
            # values were not found) an exception must be raised
            values = line.split(b":", 1)
            if not len(values) == 2:
                raise netius.ParserError("Invalid header line")

            # unpacks both the key and the value and runs some
            # parsing validation to ensure proper HTTP compliance
            key, value = values

            # normalizes the header key and converts it into a string
            # then validates its conformance according to the RFC 7230
            # so that their components have verified compliance
            key = key.lower()
            key = netius.legacy.str(key)
            if not HEADER_NAME_REGEX.match(key):
                raise netius.ParserError("Invalid header key")

            # obtains the value and removes any extra space value from
            # both the beginning and the end of it, then makes sure that
            # no extra "space like" character exist in it
            value = value.strip(b" ")
            value = netius.legacy.str(value, errors = "replace")
            if not value == value.strip():
                raise netius.ParserError("Invalid header value")

            # in case the header already exists this indicates that
            # there are multiple definitions of the header and a sequence
            # must be used in order to store the various headers
            exists = key in self.headers
            if exists:
                sequence = self.headers[key]
                is_list = type(sequence) == list
                if not is_list: sequence = [sequence]
                sequence.append(value)
                value = sequence

            # sets the final header value into the headers map so that
            # it may be used latter for the serialization process
            self.headers[key] = value

        # retrieves the size of the contents from the populated
        # headers, this is not required by the specification and
        # the parser should be usable even without it
        self.content_l = self.headers.get("content-length", -1)
        self.content_l = self.content_l and int(self.content_l)

        # verifies if a back-end file object should be used to store
        # the file contents, this is done by checking the store flag
        # and verifying that the file limit value has been reached
        use_file = self.store and self.content_l >= self.file_limit
        if use_file: self.message_f = tempfile.NamedTemporaryFile(mode = "w+b")

        # retrieves the type of transfer encoding that is going to be
        # used in the processing of this request in case it's of type
        # chunked sets the current chunked flag indicating that the
        # request is meant to be processed as so
        self.transfer_e = self.headers.get("transfer-encoding", None)
        self.chunked = self.transfer_e == "chunked"

        # verifies if the transfer encoding is compliant with the expected
        # kind of transfer encodings, if not fails with a parsing error
        if not self.transfer_e in (None, "identity", "chunked"):
            raise netius.ParserError("Invalid transfer encoding")

        # verifies that if the chunked encoding is requested then the content
        # length value must be unset (as expected)
        if self.chunked and not self.content_l == -1:
            raise netius.ParserError("Chunked encoding with content length set")

        # in case the current response in parsing has the no content
        # code (no payload present) the content length is set to the
        # zero value in case it has not already been populated
        if self.type == RESPONSE and self.code in (204, 304) and\
            self.content_l == -1: self.content_l = 0

        # in case the current request is not chunked and the content length
        # header is not defined the content length is set to zero because
        # for normal requests with payload the content length is required
        # and if it's omitted it means there's no payload present
        if self.type == REQUEST and not self.chunked and\
            self.content_l == -1: self.content_l = 0

        # verifies if the connection is meant to be kept alive by
        # verifying the current value of the connection header against
        # the expected keep alive string value, note that the verification
        # takes into account a possible list value in connection
        self.connection_s = self.headers.get("connection", None)
        if type(self.connection_s) == list: self.connection_s = self.connection_s[0]
        self.connection_s = self.connection_s and self.connection_s.lower()
        self.keep_alive = self.connection_s == "keep-alive"
        self.keep_alive |= self.connection_s == None and self.version >= HTTP_11

        # verifies if the current message has finished, for those
        # situations an extra (finish) state change will be issued
        has_finished = self.content_l == 0

        # updates the current state of parsing to the message state
        # as that the headers are followed by the message
        if has_finished: self.state = FINISH_STATE
        else: self.state = MESSAGE_STATE

        # triggers the on headers event so that the listener object
        # is notified about the parsing of the headers and than returns
        # the parsed amount of information (bytes) to the caller
        self.trigger("on_headers")
        if has_finished: self.trigger("on_data")
        return base_index + 4
