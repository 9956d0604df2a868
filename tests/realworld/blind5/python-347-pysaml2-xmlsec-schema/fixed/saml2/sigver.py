""" Functions connected to signing and verifying.
Based on the use of xmlsec1 binaries and not the python xmlsec module.
"""

import base64

import hashlib

import itertools

import logging

import os

import six

from uuid import uuid4 as gen_random_key

from time import mktime

from tempfile import NamedTemporaryFile

from subprocess import Popen

from subprocess import PIPE

from importlib_resources import path as _resource_path

from OpenSSL import crypto

import pytz

from six.moves.urllib import parse

import saml2.cryptography.asymmetric

import saml2.cryptography.pki

import saml2.xmldsig as ds

import saml2.data.templates as _data_template

from saml2 import samlp

from saml2 import SamlBase

from saml2 import SAMLError

from saml2 import extension_elements_to_elements

from saml2 import class_name

from saml2 import saml

from saml2 import ExtensionElement

from saml2 import VERSION

from saml2.cert import OpenSSLWrapper

from saml2.extension import pefim

from saml2.extension.pefim import SPCertEnc

from saml2.saml import EncryptedAssertion

from saml2.s_utils import sid

from saml2.s_utils import Unsupported

from saml2.time_util import instant

from saml2.time_util import str_to_time

from saml2.xmldsig import SIG_RSA_SHA1

from saml2.xmldsig import SIG_RSA_SHA224

from saml2.xmldsig import SIG_RSA_SHA256

from saml2.xmldsig import SIG_RSA_SHA384

from saml2.xmldsig import SIG_RSA_SHA512

from saml2.xmlenc import EncryptionMethod

from saml2.xmlenc import EncryptedKey

from saml2.xmlenc import CipherData

from saml2.xmlenc import CipherValue

from saml2.xmlenc import EncryptedData

from saml2.xml.schema import node_to_schema

from saml2.xml.schema import XMLSchemaError

logger = logging.getLogger(__name__)

SIG = '{{{ns}#}}{attribute}'.format(ns=ds.NAMESPACE, attribute='Signature')

RSA_1_5 = 'http://www.w3.org/2001/04/xmlenc#rsa-1_5'

TRIPLE_DES_CBC = 'http://www.w3.org/2001/04/xmlenc#tripledes-cbc'

NODE_NAME = 'urn:oasis:names:tc:SAML:2.0:assertion:Assertion'

ENC_NODE_NAME = 'urn:oasis:names:tc:SAML:2.0:assertion:EncryptedAssertion'

ENC_KEY_CLASS = 'EncryptedKey'

def make_temp(content, suffix="", decode=True, delete_tmpfiles=True):
    """
    Create a temporary file with the given content.

    This is needed by xmlsec in some cases where only strings exist when files
    are expected.

    :param content: The information to be placed in the file
    :param suffix: The temporary file might have to have a specific
        suffix in certain circumstances.
    :param decode: The input content might be base64 coded. If so it
        must, in some cases, be decoded before being placed in the file.
    :param delete_tmpfiles: Whether to keep the tmp files or delete them when they are
        no longer in use
    :return: 2-tuple with file pointer ( so the calling function can
        close the file) and filename (which is for instance needed by the
        xmlsec function).
    """
    content_encoded = (
        content.encode("utf-8") if not isinstance(content, six.binary_type) else content
    )
    content_raw = base64.b64decode(content_encoded) if decode else content_encoded
    ntf = NamedTemporaryFile(suffix=suffix, delete=delete_tmpfiles)
    ntf.write(content_raw)
    ntf.seek(0)
    return ntf

M2_TIME_FORMAT = '%b %d %H:%M:%S %Y'

def cert_from_instance(instance):
    """ Find certificates that are part of an instance

    :param instance: An instance
    :return: possible empty list of certificates
    """
    if instance.signature:
        if instance.signature.key_info:
            return cert_from_key_info(instance.signature.key_info,
                                      ignore_age=True)
    return []

def pem_format(key):
    return os.linesep.join([
        '-----BEGIN CERTIFICATE-----',
        key,
        '-----END CERTIFICATE-----'
    ]).encode('ascii')

def parse_xmlsec_output(output):
    """ Parse the output from xmlsec to try to find out if the
    command was successfull or not.

    :param output: The output from Popen
    :return: A boolean; True if the command was a success otherwise False
    """
    for line in output.splitlines():
        if line == 'OK':
            return True
        elif line == 'FAIL':
            raise XmlsecError(output)
    raise XmlsecError(output)

SIGNER_ALGS = {
    SIG_RSA_SHA1: RSASigner(saml2.cryptography.asymmetric.hashes.SHA1()),
    SIG_RSA_SHA224: RSASigner(saml2.cryptography.asymmetric.hashes.SHA224()),
    SIG_RSA_SHA256: RSASigner(saml2.cryptography.asymmetric.hashes.SHA256()),
    SIG_RSA_SHA384: RSASigner(saml2.cryptography.asymmetric.hashes.SHA384()),
    SIG_RSA_SHA512: RSASigner(saml2.cryptography.asymmetric.hashes.SHA512()),
}

REQ_ORDER = [
    'SAMLRequest',
    'RelayState',
    'SigAlg',
]

RESP_ORDER = [
    'SAMLResponse',
    'RelayState',
    'SigAlg',
]

def read_cert_from_file(cert_file, cert_type):
    """ Reads a certificate from a file. The assumption is that there is
    only one certificate in the file

    :param cert_file: The name of the file
    :param cert_type: The certificate type
    :return: A base64 encoded certificate as a string or the empty string
    """

    if not cert_file:
        return ''

    if cert_type == 'pem':
        _a = read_file(cert_file, 'rb').decode()
        _b = _a.replace('\r\n', '\n')
        lines = _b.split('\n')

        for pattern in (
                '-----BEGIN CERTIFICATE-----',
                '-----BEGIN PUBLIC KEY-----'):
            if pattern in lines:
                lines = lines[lines.index(pattern) + 1:]
                break
        else:
            raise CertificateError('Strange beginning of PEM file')

        for pattern in (
                '-----END CERTIFICATE-----',
                '-----END PUBLIC KEY-----'):
            if pattern in lines:
                lines = lines[:lines.index(pattern)]
                break
        else:
            raise CertificateError('Strange end of PEM file')
        return make_str(''.join(lines).encode())

    if cert_type in ['der', 'cer', 'crt']:
        data = read_file(cert_file, 'rb')
        _cert = base64.b64encode(data)
        return make_str(_cert)

ASSERT_XPATH = ''.join([
    '/*[local-name()=\'{name}\']'.format(name=n)
    for n in ['Response', 'EncryptedAssertion', 'Assertion']
])

class CryptoBackendXmlSec1(CryptoBackend):
    """
    CryptoBackend implementation using external binary 1 to sign
    and verify XML documents.
    """
    __DEBUG = 0
    def __init__(self, xmlsec_binary, delete_tmpfiles=True, **kwargs):
        CryptoBackend.__init__(self, **kwargs)
        if not isinstance(xmlsec_binary, six.string_types):
            raise ValueError("xmlsec_binary should be of type string")
        self.xmlsec = xmlsec_binary
        self.delete_tmpfiles = delete_tmpfiles
        try:
            self.non_xml_crypto = RSACrypto(kwargs['rsa_key'])
        except KeyError:
            pass
    def validate_signature(self, signedtext, cert_file, cert_type, node_name, node_id):
        """
        Validate signature on XML document.

        :param signedtext: The XML document as a string
        :param cert_file: The public key that was used to sign the document
        :param cert_type: The file type of the certificate
        :param node_name: The name of the class that is signed
        :param node_id: The identifier of the node
        :return: Boolean True if the signature was correct otherwise False.
        """
        if not isinstance(signedtext, six.binary_type):
            signedtext = signedtext.encode('utf-8')

        tmp = make_temp(signedtext,
                        suffix=".xml",
                        decode=False,
                        delete_tmpfiles=self.delete_tmpfiles)

        com_list = [
            self.xmlsec,
            '--verify',
            '--enabled-reference-uris', 'empty,same-doc',
            '--enabled-key-data', 'raw-x509-cert',
            '--pubkey-cert-{type}'.format(type=cert_type), cert_file,
            '--id-attr:ID', node_name,
        ]

        if node_id:
            com_list.extend(['--node-id', node_id])

        try:
            (_stdout, stderr, _output) = self._run_xmlsec(com_list, [tmp.name])
        except XmlsecError as e:
            six.raise_from(SignatureError(com_list), e)

        return parse_xmlsec_output(stderr)

class SecurityContext(object):
    my_cert = None
    def __init__(
            self,
            crypto,
            key_file='', key_type='pem',
            cert_file='', cert_type='pem',
            metadata=None,
            template='',
            encrypt_key_type='des-192',
            only_use_keys_in_metadata=False,
            cert_handler_extra_class=None,
            generate_cert_info=None,
            tmp_cert_file=None, tmp_key_file=None,
            validate_certificate=None,
            enc_key_files=None, enc_key_type='pem',
            encryption_keypairs=None,
            enc_cert_type='pem',
            sec_backend=None,
            delete_tmpfiles=True):

        if not isinstance(crypto, CryptoBackend):
            raise ValueError("crypto should be of type CryptoBackend")
        self.crypto = crypto

        if sec_backend and not isinstance(sec_backend, RSACrypto):
            raise ValueError("sec_backend should be of type RSACrypto")
        self.sec_backend = sec_backend

        # Your private key for signing
        self.key_file = key_file
        self.key_type = key_type

        # Your public key for signing
        self.cert_file = cert_file
        self.cert_type = cert_type

        # Your private key for encryption
        self.enc_key_files = enc_key_files
        self.enc_key_type = enc_key_type

        # Your public key for encryption
        self.encryption_keypairs = encryption_keypairs
        self.enc_cert_type = enc_cert_type

        self.my_cert = read_cert_from_file(cert_file, cert_type)

        self.cert_handler = CertHandler(
                self,
                cert_file, cert_type,
                key_file, key_type,
                generate_cert_info,
                cert_handler_extra_class,
                tmp_cert_file,
                tmp_key_file,
                validate_certificate)

        self.cert_handler.update_cert(True)

        self.metadata = metadata
        self.only_use_keys_in_metadata = only_use_keys_in_metadata

        if not template:
            with _resource_path(_data_template, "template_enc.xml") as fp:
                self.template = str(fp)
        else:
            self.template = template

        self.encrypt_key_type = encrypt_key_type
        self.delete_tmpfiles = delete_tmpfiles
    def _check_signature(self, decoded_xml, item, node_name=NODE_NAME, origdoc=None, must=False, only_valid_cert=False, issuer=None):
        try:
            _issuer = item.issuer.text.strip()
        except AttributeError:
            _issuer = None

        if _issuer is None:
            try:
                _issuer = issuer.text.strip()
            except AttributeError:
                _issuer = None

        # More trust in certs from metadata then certs in the XML document
        if self.metadata:
            try:
                _certs = self.metadata.certs(_issuer, 'any', 'signing')
            except KeyError:
                _certs = []
            certs = []

            for cert in _certs:
                if isinstance(cert, six.string_types):
                    content = pem_format(cert)
                    tmp = make_temp(content,
                                    suffix=".pem",
                                    decode=False,
                                    delete_tmpfiles=self.delete_tmpfiles)
                    certs.append(tmp)
                else:
                    certs.append(cert)
        else:
            certs = []

        if not certs and not self.only_use_keys_in_metadata:
            logger.debug('==== Certs from instance ====')
            certs = [
                make_temp(content=pem_format(cert),
                          suffix=".pem",
                          decode=False,
                          delete_tmpfiles=self.delete_tmpfiles)
                for cert in cert_from_instance(item)
            ]
        else:
            logger.debug('==== Certs from metadata ==== %s: %s ====', _issuer, certs)

        if not certs:
            raise MissingKey(_issuer)

        # validate XML with the appropriate schema
        try:
            _schema = node_to_schema[node_name]
        except KeyError as e:
            error_context = {
                "message": "Signature verification failed. Unknown node type.",
                "issuer": _issuer,
                "type": node_name,
                "document": decoded_xml,
            }
            raise SignatureError(error_context) from e

        try:
            _schema.validate(str(item))
        except XMLSchemaError as e:
            error_context = {
                "message": "Signature verification failed. Invalid document format.",
                "ID": item.id,
                "issuer": _issuer,
                "type": node_name,
                "document": decoded_xml,
            }
            raise SignatureError(error_context) from e

        # saml-core section "5.4 XML Signature Profile" defines constrains on the
        # xmldsig-core facilities. It explicitly dictates that enveloped signatures
        # are the only signatures allowed. This means that:
        # * Assertion/RequestType/ResponseType elements must have an ID attribute
        # * signatures must have a single Reference element
        # * the Reference element must have a URI attribute
        # * the URI attribute contains an anchor
        # * the anchor points to the enclosing element's ID attribute
        references = item.signature.signed_info.reference
        signatures_must_have_a_single_reference_element = len(references) == 1
        the_Reference_element_must_have_a_URI_attribute = (
            signatures_must_have_a_single_reference_element
            and hasattr(references[0], "uri")
        )
        the_URI_attribute_contains_an_anchor = (
            the_Reference_element_must_have_a_URI_attribute
            and references[0].uri.startswith("#")
            and len(references[0].uri) > 1
        )
        the_anchor_points_to_the_enclosing_element_ID_attribute = (
            the_URI_attribute_contains_an_anchor
            and references[0].uri == "#{id}".format(id=item.id)
        )
        validators = {
            "signatures must have a single reference element": (
                signatures_must_have_a_single_reference_element
            ),
            "the Reference element must have a URI attribute": (
                the_Reference_element_must_have_a_URI_attribute
            ),
            "the URI attribute contains an anchor": (
                the_URI_attribute_contains_an_anchor
            ),
            "the anchor points to the enclosing element ID attribute": (
                the_anchor_points_to_the_enclosing_element_ID_attribute
            ),
        }
        if not all(validators.values()):
            error_context = {
                "message": "Signature failed to meet constraints on xmldsig",
                "validators": validators,
                "item ID": item.id,
                "reference URI": item.signature.signed_info.reference[0].uri,
                "issuer": _issuer,
                "node name": node_name,
                "xml document": decoded_xml,
            }
            raise SignatureError(error_context)

        verified = False
        last_pem_file = None

        for pem_fd in certs:
            try:
                last_pem_file = pem_fd.name
                if self.verify_signature(
                    decoded_xml,
                    pem_fd.name,
                    node_name=node_name,
                    node_id=item.id,
                ):
                    verified = True
                    break
            except XmlsecError as exc:
                logger.error('check_sig: %s', exc)
                pass
            except Exception as exc:
                logger.error('check_sig: %s', exc)
                raise

        if verified or only_valid_cert:
            if not self.cert_handler.verify_cert(last_pem_file):
                raise CertificateError('Invalid certificate!')
        else:
            raise SignatureError('Failed to verify signature')

        return item

def pre_signature_part(
    ident,
    public_key=None,
    identifier=None,
    digest_alg=None,
    sign_alg=None,
):
    """
    If an assertion is to be signed the signature part has to be preset
    with which algorithms to be used, this function returns such a
    preset part.

    :param ident: The identifier of the assertion, so you know which assertion
        was signed
    :param public_key: The base64 part of a PEM file
    :param identifier:
    :return: A preset signature part
    """

    # XXX
    if not digest_alg:
        digest_alg = ds.DefaultSignature().get_digest_alg()
    if not sign_alg:
        sign_alg = ds.DefaultSignature().get_sign_alg()

    signature_method = ds.SignatureMethod(algorithm=sign_alg)
    canonicalization_method = ds.CanonicalizationMethod(
        algorithm=ds.ALG_EXC_C14N)
    trans0 = ds.Transform(algorithm=ds.TRANSFORM_ENVELOPED)
    trans1 = ds.Transform(algorithm=ds.ALG_EXC_C14N)
    transforms = ds.Transforms(transform=[trans0, trans1])
    digest_method = ds.DigestMethod(algorithm=digest_alg)

    reference = ds.Reference(
            uri='#{id}'.format(id=ident),
            digest_value=ds.DigestValue(),
            transforms=transforms,
            digest_method=digest_method)

    signed_info = ds.SignedInfo(
            signature_method=signature_method,
            canonicalization_method=canonicalization_method,
            reference=reference)

    signature = ds.Signature(
            signed_info=signed_info,
            signature_value=ds.SignatureValue())

    if identifier:
        signature.id = 'Signature{n}'.format(n=identifier)

    if public_key:
        x509_data = ds.X509Data(
            x509_certificate=[ds.X509Certificate(text=public_key)])
        key_info = ds.KeyInfo(x509_data=x509_data)
        signature.key_info = key_info

    return signature

def pre_encrypt_assertion(response):
    """
    Move the assertion to within a encrypted_assertion
    :param response: The response with one assertion
    :return: The response but now with the assertion within an
        encrypted_assertion.
    """
    assertion = response.assertion
    response.assertion = None
    response.encrypted_assertion = EncryptedAssertion()
    if assertion is not None:
        if isinstance(assertion, list):
            response.encrypted_assertion.add_extension_elements(assertion)
        else:
            response.encrypted_assertion.add_extension_element(assertion)
    return response

if __name__ == '__main__':
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument('-s', '--list-sigalgs', dest='listsigalgs',
            action='store_true',
            help='List implemented signature algorithms')
    args = parser.parse_args()

    if args.listsigalgs:
        print('\n'.join([key for key, value in SIGNER_ALGS.items()]))
