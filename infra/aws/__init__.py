"""The AWS stack as code (CDK v2 in Python, with Chalice's CDK construct). `python -m infra.aws` synthesises it."""
