import imaplib
import ssl


def open_mailbox(host: str, user: str, password: str) -> imaplib.IMAP4_SSL:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    conn = imaplib.IMAP4_SSL(host, 993, ssl_context=ctx)
    conn.login(user, password)
    return conn
