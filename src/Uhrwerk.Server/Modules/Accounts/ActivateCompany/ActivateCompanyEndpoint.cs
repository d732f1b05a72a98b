namespace Uhrwerk.Server.Modules.Accounts.ActivateCompany;

internal static class ActivateCompanyEndpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/activation", async (ActivationRequest request, ActivateCompanyHandler handler, HttpContext http, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(request, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct);
                return outcome is ActivationOutcome.Activated or ActivationOutcome.AwaitsConfirmation
                    ? Results.Accepted(value: new { status = outcome.ToString(), message = ActivationTexts.Message(outcome) })
                    : ActivationTexts.Problem(outcome);
            })
            .AllowAnonymous()
            .WithTags("Accounts")
            .WithSummary("Activate a company for the customer center with customer number, invoice number and e-mail");
}
