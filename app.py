"""The Chalice app: creates `app`, registers blueprints and middleware. No logic."""
from typing import TYPE_CHECKING

from aws_lambda_powertools.logging import correlation_paths
from chalice import Chalice, ConvertToMiddleware

from chalicelib.api import (
    absences,
    access_log,
    account,
    admin,
    auth,
    colleagues,
    departments,
    documents,
    employees,
    invitations,
    leaves,
    recovery,
    reports,
)
from chalicelib.api.http import answers_in_our_shape, deps
from chalicelib.observability import logger, metrics, trace_lambda_handler

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.batch.types import PartialItemFailureResponse

app = Chalice(app_name="verzuimportaal")
app.register_middleware(answers_in_our_shape, "http")  # first: outermost, around Powertools' middleware too
app.register_middleware(ConvertToMiddleware(
    logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True)))
app.register_middleware(ConvertToMiddleware(metrics.log_metrics))
app.register_middleware(ConvertToMiddleware(trace_lambda_handler))

for blueprint in (auth.bp, recovery.bp, account.bp, invitations.bp, admin.bp, employees.bp, departments.bp,
                  absences.bp, reports.bp, access_log.bp, colleagues.bp, documents.bp, leaves.bp):
    app.register_blueprint(blueprint)


# Background work (issue 5). Wired in infra/aws: schedules (Europe/Amsterdam), the SQS mapping, SES feedback.
# `deps()` is the process's Deps, as for the API (tests swap it for one with a controlled clock).

@app.lambda_function(name="digest_planner")
def digest_planner(event: dict, context: object) -> dict:
    """Monday 08:00 Europe/Amsterdam (EventBridge Scheduler): queue this week's open-task emails."""
    from chalicelib.services import digest

    return digest.run_planner(deps(), event, context)


@app.lambda_function(name="digest_sender")
def digest_sender(event: dict, context: object) -> "PartialItemFailureResponse":
    """SQS event source with ReportBatchItemFailures: send each user's email once; report only failures."""
    from chalicelib.services import digest

    return digest.handle_batch(deps(), event, context)


@app.lambda_function(name="email_feedback")
def email_feedback(event: dict, context: object) -> dict:
    """SES events (SNS): a permanent bounce stops the weekly email to that address; a Send event records a
    weekly email as sent."""
    from chalicelib.services import digest

    return digest.record_feedback(deps(), event)


@app.lambda_function(name="retention_purge")
def retention_purge(event: dict, context: object) -> dict:
    """Daily (EventBridge Scheduler): remove what the bewaartermijnen allow and DynamoDB TTL cannot express."""
    from dataclasses import asdict

    from chalicelib.services import retention

    return asdict(retention.purge(deps()))


@app.lambda_function(name="document_check")
def document_check(event: dict, context: object) -> dict:
    """S3 ObjectCreated under quarantine/ (the type check) and GuardDuty Malware Protection's scan results
    (EventBridge): release a document that is what it says and clean, refuse and delete any other."""
    from chalicelib.services import documents

    return documents.handle_event(deps(), event)
