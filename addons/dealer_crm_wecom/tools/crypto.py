"""WeCom's callback encryption (企业微信回调加解密): the signature, and
AES-256-CBC with PKCS#7 padding to 32 bytes around a plaintext of 16 random
bytes, a 4-byte network-order length, the message and the receive id."""
import base64
import binascii
import hashlib
import hmac
import os
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

BLOCK_SIZE = 32


class WeComCryptoError(ValueError):
    """A callback that fails the signature, the decryption or the receive id."""


def signature(token, timestamp, nonce, encrypted):
    """SHA-1 of the sorted, concatenated token, timestamp, nonce and ciphertext."""
    parts = sorted(str(part) for part in (token, timestamp, nonce, encrypted))
    return hashlib.sha1("".join(parts).encode()).hexdigest()


def check_signature(token, timestamp, nonce, encrypted, given):
    if not given or not hmac.compare_digest(signature(token, timestamp, nonce, encrypted), str(given)):
        raise WeComCryptoError("wrong signature")


def aes_key(encoding_aes_key):
    """The 32-byte key of a 43-character EncodingAESKey."""
    try:
        key = base64.b64decode(f"{encoding_aes_key}=", validate=True)
    except (binascii.Error, ValueError) as error:
        raise WeComCryptoError("EncodingAESKey is not base64") from error
    if len(key) != 32:
        raise WeComCryptoError("EncodingAESKey does not give 32 bytes")
    return key


def _cipher(key):
    return Cipher(algorithms.AES(key), modes.CBC(key[:16]))


def decrypt(encoding_aes_key, encrypted, receive_id):
    """The message inside ``encrypted`` (base64), which must be addressed to ``receive_id``."""
    key = aes_key(encoding_aes_key)
    try:
        ciphertext = base64.b64decode(encrypted, validate=True)
    except (binascii.Error, ValueError, TypeError) as error:
        raise WeComCryptoError("ciphertext is not base64") from error
    if not ciphertext or len(ciphertext) % 16:
        raise WeComCryptoError("ciphertext is not whole AES blocks")
    decryptor = _cipher(key).decryptor()
    padded = decryptor.update(ciphertext) + decryptor.finalize()
    pad = padded[-1]
    if not 1 <= pad <= BLOCK_SIZE or padded[-pad:] != bytes([pad]) * pad:
        raise WeComCryptoError("wrong padding")
    plain = padded[:-pad]
    if len(plain) < 20:
        raise WeComCryptoError("plaintext too short")
    (length,) = struct.unpack(">I", plain[16:20])
    message, received_id = plain[20:20 + length], plain[20 + length:]
    if len(message) != length:
        raise WeComCryptoError("wrong message length")
    if not hmac.compare_digest(received_id, str(receive_id).encode()):
        raise WeComCryptoError("wrong receive id")
    try:
        return message.decode()
    except UnicodeDecodeError as error:
        raise WeComCryptoError("message is not UTF-8") from error


def decrypt_with_keys(keys, encrypted, receive_id):
    """Decrypt with the first of ``keys`` that works (key rotation: the
    current EncodingAESKey, then the previous one)."""
    error = WeComCryptoError("no EncodingAESKey")
    for key in filter(None, keys):
        try:
            return decrypt(key, encrypted, receive_id)
        except WeComCryptoError as failure:
            error = failure
    raise error


def encrypt(encoding_aes_key, message, receive_id, random_prefix=None):
    """``message`` encrypted as WeCom does (base64)."""
    key = aes_key(encoding_aes_key)
    body = message.encode()
    plain = (random_prefix or os.urandom(16)) + struct.pack(">I", len(body)) + body + str(receive_id).encode()
    pad = BLOCK_SIZE - len(plain) % BLOCK_SIZE
    encryptor = _cipher(key).encryptor()
    return base64.b64encode(encryptor.update(plain + bytes([pad]) * pad) + encryptor.finalize()).decode()
