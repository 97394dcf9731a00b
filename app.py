"""The Chalice app: creates `app`, registers blueprints and middleware. No logic."""
from aws_lambda_powertools.logging import correlation_paths
from chalice import Chalice, ConvertToMiddleware

from chalicelib.api import absences, account, admin, auth, employees, invitations, recovery
from chalicelib.observability import logger, metrics, trace_lambda_handler

app = Chalice(app_name="verzuimportaal")
app.register_middleware(ConvertToMiddleware(
    logger.inject_lambda_context(correlation_id_path=correlation_paths.API_GATEWAY_REST, clear_state=True)))
app.register_middleware(ConvertToMiddleware(metrics.log_metrics))
app.register_middleware(ConvertToMiddleware(trace_lambda_handler))

for blueprint in (auth.bp, recovery.bp, account.bp, invitations.bp, admin.bp, employees.bp,
                  absences.bp):
    app.register_blueprint(blueprint)
