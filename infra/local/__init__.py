"""The local stand-in: moto in-process, AWS bootstrap, demo data and the one-origin dev server.

Run it with `python -m infra.local`; from tests, `infra.local.standin.start(port)`.
"""
