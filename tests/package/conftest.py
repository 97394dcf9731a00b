"""The shipped Lambda package, per stage, as Lambda runs it: the Chalice asset taken out of the synthesised
cloud assembly (what `make deploy` uploads), unpacked and run in a bare interpreter of the template's Runtime,
each function with its environment from the template, against a moto server whose resources were made from
the template's own definitions."""
from __future__ import annotations

import json
import logging
import socket
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from moto.server import ThreadedMotoServer

from infra.aws.stages import STAGES
from tests.support.apigateway import RestApi
from tests.support.cloudformation import Deployed
from tests.support.lambda_runtime import LambdaFunction, RuntimeMissing, lambda_environment, runtime_python
from tests.support.standin import free_port

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "demo-wachtwoord-pakket-2026"
FUNCTION_TYPES = ("AWS::Serverless::Function",)
"""The functions Chalice packages (CDK's own helper functions are AWS::Lambda::Function)."""


@dataclass
class Shipped:
    stage: str
    template: dict
    deployed: Deployed
    package_zip: Path
    package_dir: Path
    functions: dict[str, LambdaFunction]
    api: RestApi
    trace_segments: socket.socket
    demo_password: str = DEMO_PASSWORD
    """What the demo logins were seeded with."""

    @property
    def region(self) -> str:
        return self.deployed.region

    def function(self, logical_id: str) -> LambdaFunction:
        return self.functions[logical_id]

    def received_trace_segments(self) -> int:
        """UDP datagrams that reached the stand-in X-Ray daemon address."""
        count = 0
        while True:
            try:
                self.trace_segments.recv(65536)
                count += 1
            except BlockingIOError:
                return count


def package_of(template: dict, outdir: Path) -> Path:
    """The one code asset all Chalice functions share, found through the cloud assembly's asset manifests."""
    keys = {resource["Properties"]["CodeUri"]["Key"] for resource in template["Resources"].values()
            if resource["Type"] in FUNCTION_TYPES}
    assert len(keys) == 1, f"the Chalice functions do not share one package: {keys}"
    asset_hash = keys.pop().removesuffix(".zip")
    for manifest in outdir.glob("*.assets.json"):
        entry = json.loads(manifest.read_text())["files"].get(asset_hash)
        if entry:
            return outdir / entry["source"]["path"]
    raise AssertionError(f"asset {asset_hash} is in no asset manifest of {outdir}")


def _functions(deployed: Deployed, package_dir: Path, endpoint: str, xray_daemon: str) -> dict[str, LambdaFunction]:
    functions = {}
    for logical_id, properties in deployed.resources(FUNCTION_TYPES[0]).items():
        variables = deployed.resolve(properties.get("Environment", {}).get("Variables", {}))
        environment = lambda_environment(properties, variables, region=deployed.region, endpoint=endpoint,
                                         package_dir=package_dir, xray_daemon=xray_daemon)
        functions[logical_id] = LambdaFunction(
            logical_id=logical_id, name=properties["FunctionName"], handler=properties["Handler"],
            runtime=properties["Runtime"], timeout_seconds=int(properties["Timeout"]), environment=environment,
            package_dir=package_dir, arn=deployed.attributes[logical_id]["Arn"])
    return functions


def seed_demo_data(api_function: LambdaFunction) -> None:
    """Demo BV, its employees, one open ziekmelding and the demo logins, through the package's own code."""
    seeder = LambdaFunction(logical_id="Seed", name=api_function.name, handler="seeding.handler",
                            runtime=api_function.runtime, timeout_seconds=120, environment=api_function.environment,
                            package_dir=api_function.package_dir, arn=api_function.arn,
                            extra_path=Path(__file__).parent).start()
    try:
        answer = seeder.invoke({"seed_file": str(ROOT / "infra" / "local" / "seed.py"), "password": DEMO_PASSWORD})
        assert answer.error is None, f"{answer.error}\n{seeder.log()}"
    finally:
        seeder.stop()


@pytest.fixture(scope="module", params=["dev", "prod"])
def shipped(request, assembly, tmp_path_factory):
    stage = request.param
    template = assembly["templates"][f"verzuimportaal-{stage}-app"]
    runtimes = {resource["Properties"]["Runtime"] for resource in template["Resources"].values()
                if resource["Type"] in FUNCTION_TYPES}
    try:
        for runtime in runtimes:
            runtime_python(runtime)
    except RuntimeMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    package_zip = package_of(template, assembly["outdir"])
    package_dir = tmp_path_factory.mktemp(f"package-{stage}")
    with zipfile.ZipFile(package_zip) as archive:
        archive.extractall(package_dir)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # moto's server logs every request
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    trace_segments = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    trace_segments.bind(("127.0.0.1", 0))
    trace_segments.setblocking(False)
    functions: dict[str, LambdaFunction] = {}
    try:
        deployed = Deployed(template, region=STAGES[stage].region, endpoint=endpoint).create()
        functions = _functions(deployed, package_dir, endpoint, f"127.0.0.1:{trace_segments.getsockname()[1]}")
        seed_demo_data(functions["APIHandler"])
        for function in functions.values():
            function.start()
        api_properties = deployed.resolve(next(iter(deployed.resources("AWS::Serverless::Api").values())))
        (distribution,) = deployed.resources("AWS::CloudFront::Distribution").values()
        api_origin = next(o for o in distribution["DistributionConfig"]["Origins"] if o.get("OriginPath") == "/api")
        origin_headers = {h["HeaderName"]: deployed.resolve(h["HeaderValue"])
                          for h in api_origin.get("OriginCustomHeaders", [])}
        web_acl = deployed.resolve(next(acl for acl in deployed.resources("AWS::WAFv2::WebACL").values()
                                        if acl["Scope"] == "REGIONAL"))
        api = RestApi(api_properties, functions["APIHandler"], account=deployed.account, region=deployed.region,
                      origin_headers=origin_headers, web_acl=web_acl)
        yield Shipped(stage, template, deployed, package_zip, package_dir, functions, api, trace_segments)
    finally:
        for function in functions.values():
            function.stop()
        trace_segments.close()
        # moto's backends are process-wide: leave nothing of this stage for the next one or later tests
        urllib.request.urlopen(urllib.request.Request(f"{endpoint}/moto-api/reset", method="POST"), timeout=10)
        server.stop()
