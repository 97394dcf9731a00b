"""The portal on one origin: CloudFront serves static_site/ from a private S3 bucket (Origin Access
Control) and forwards /api/* to API Gateway uncached, with the same security headers as the local server."""
from __future__ import annotations

from pathlib import Path

from aws_cdk import Duration, RemovalPolicy
from aws_cdk import aws_certificatemanager as acm
from aws_cdk import aws_cloudfront as cloudfront
from aws_cdk import aws_cloudfront_origins as origins
from aws_cdk import aws_s3 as s3
from aws_cdk import aws_s3_deployment as s3deploy
from constructs import Construct

from infra.local.headers import CONTENT_SECURITY_POLICY, HTML_CACHE_CONTROL

from .stages import Stage

STATIC_SITE = Path(__file__).resolve().parents[2] / "static_site"
API_STAGE = "api"
"""Chalice's `api_gateway_stage`; the routes themselves start with /api, so /api/x is /api/api/x at the origin."""
ASSET_CACHE_CONTROL = "public, max-age=300"


def content_security_policy(upload_origin: str) -> str:
    """infra/local/headers.py's policy, and the browser's upload (a fetch POST) straight to the documents bucket's
    endpoint; locally uploads go to the dev server itself ('self')."""
    return f"{CONTENT_SECURITY_POLICY}; connect-src 'self' {upload_origin}"


def security_headers(scope: Construct, stage: Stage, upload_origin: str) -> cloudfront.ResponseHeadersPolicy:
    """infra/local/headers.py SECURITY_HEADERS with the upload origin, plus HSTS (the local server is plain HTTP)."""
    return cloudfront.ResponseHeadersPolicy(
        scope, "SecurityHeaders", response_headers_policy_name=stage.resource_name("security-headers"),
        security_headers_behavior=cloudfront.ResponseSecurityHeadersBehavior(
            content_security_policy=cloudfront.ResponseHeadersContentSecurityPolicy(
                content_security_policy=content_security_policy(upload_origin), override=True),
            strict_transport_security=cloudfront.ResponseHeadersStrictTransportSecurity(
                access_control_max_age=Duration.days(730), include_subdomains=True, preload=True, override=True),
            content_type_options=cloudfront.ResponseHeadersContentTypeOptions(override=True),
            frame_options=cloudfront.ResponseHeadersFrameOptions(
                frame_option=cloudfront.HeadersFrameOption.DENY, override=True),
            referrer_policy=cloudfront.ResponseHeadersReferrerPolicy(
                referrer_policy=cloudfront.HeadersReferrerPolicy.NO_REFERRER, override=True),
        ),
    )


class Site(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, stage: Stage, api_domain: str,
                 certificate: acm.ICertificate, web_acl_arn: str, origin_headers: dict[str, str], upload_origin: str):
        super().__init__(scope, construct_id)
        self.bucket = s3.Bucket(
            self, "Static", block_public_access=s3.BlockPublicAccess.BLOCK_ALL, enforce_ssl=True,
            encryption=s3.BucketEncryption.S3_MANAGED, object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            versioned=True, removal_policy=RemovalPolicy.RETAIN,
        )
        self.headers = security_headers(self, stage, upload_origin)
        # CloudFront's standard access logs (needs ACLs on its bucket); kept 90 days
        self.logs = s3.Bucket(
            self, "AccessLogs", block_public_access=s3.BlockPublicAccess.BLOCK_ALL, enforce_ssl=True,
            encryption=s3.BucketEncryption.S3_MANAGED, object_ownership=s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
            lifecycle_rules=[s3.LifecycleRule(expiration=Duration.days(90))], removal_policy=RemovalPolicy.RETAIN)
        self.distribution = cloudfront.Distribution(
            self, "Distribution",
            comment=f"Verzuimportaal {stage.name}",
            domain_names=[stage.domain], certificate=certificate, web_acl_id=web_acl_arn,
            default_root_object="index.html",
            enable_logging=True, log_bucket=self.logs, log_file_prefix="cloudfront/",
            minimum_protocol_version=cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
            http_version=cloudfront.HttpVersion.HTTP2_AND_3,
            price_class=cloudfront.PriceClass.PRICE_CLASS_100,
            default_behavior=cloudfront.BehaviorOptions(
                origin=origins.S3BucketOrigin.with_origin_access_control(self.bucket),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
                cache_policy=cloudfront.CachePolicy.CACHING_OPTIMIZED,
                response_headers_policy=self.headers,
                compress=True,
            ),
            additional_behaviors={"/api/*": cloudfront.BehaviorOptions(
                origin=origins.HttpOrigin(api_domain, origin_path=f"/{API_STAGE}", custom_headers=origin_headers,
                                          protocol_policy=cloudfront.OriginProtocolPolicy.HTTPS_ONLY),
                viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
                allowed_methods=cloudfront.AllowedMethods.ALLOW_ALL,
                cache_policy=cloudfront.CachePolicy.CACHING_DISABLED,
                # Cookies, query strings and every viewer header but Host (API Gateway routes on its own Host).
                origin_request_policy=cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
                response_headers_policy=self.headers,
            )},
        )
        # Pages are never cached (infra/local/headers.py HTML_CACHE_CONTROL); CSS, JS and images briefly.
        # Neither upload prunes: each would delete the other's files.
        s3deploy.BucketDeployment(
            self, "Pages", sources=[s3deploy.Source.asset(str(STATIC_SITE), exclude=["*", "!*.html"])],
            destination_bucket=self.bucket, prune=False,
            cache_control=[s3deploy.CacheControl.from_string(HTML_CACHE_CONTROL)],
            distribution=self.distribution, distribution_paths=["/*"],
        )
        s3deploy.BucketDeployment(
            self, "Assets", sources=[s3deploy.Source.asset(str(STATIC_SITE), exclude=["*.html"])],
            destination_bucket=self.bucket, prune=False,
            cache_control=[s3deploy.CacheControl.from_string(ASSET_CACHE_CONTROL)],
        )
