using System.Globalization;
using Microsoft.Extensions.Options;

namespace Uhrwerk.Server.Modules.Accounts.ActivateCompany;

/// <summary>The answer to an activation that went through or waits for customer service; Status is Activated or AwaitsConfirmation.</summary>
public sealed record ActivationAccepted(string Status, string Message);

internal static class ActivateCompanyEndpoint
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/activation", async (ActivationRequest request, ActivateCompanyHandler handler, IOptions<ActivationOptions> options, HttpContext http, CancellationToken ct) =>
            {
                var outcome = await handler.HandleAsync(request, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct);
                if (outcome == ActivationOutcome.TooManyAttempts)
                {
                    // Every counted failure has left the window after one window at the latest.
                    http.Response.Headers.RetryAfter = ((long)Math.Ceiling(options.Value.Window.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                return outcome is ActivationOutcome.Activated or ActivationOutcome.AwaitsConfirmation
                    ? Results.Accepted(value: new ActivationAccepted(outcome.ToString(), ActivationTexts.Message(outcome)))
                    : ActivationTexts.Problem(outcome);
            })
            .AllowAnonymous()
            .Produces<ActivationAccepted>(StatusCodes.Status202Accepted)
            .WithTags("Accounts")
            .WithSummary("Activate a company for the customer center with customer number, invoice number and e-mail");
}
