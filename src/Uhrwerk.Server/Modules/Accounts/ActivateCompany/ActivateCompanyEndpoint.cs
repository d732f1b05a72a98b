using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Uhrwerk.Server.Modules.Accounts.ActivateCompany;

/// <summary>The answer to an activation that went through or waits for customer service; Status is Activated or AwaitsConfirmation.</summary>
public sealed record ActivationAccepted(string Status, string Message);

internal static class ActivateCompanyEndpoint
{
    public static void Map(RouteGroupBuilder accounts) =>
        accounts.MapPost("/activation", Activate)
            .AllowAnonymous()
            .WithSummary("Activate a company for the customer center with customer number, invoice number and e-mail");

    private static async Task<Results<Accepted<ActivationAccepted>, ProblemHttpResult>> Activate(ActivationRequest request, ActivateCompanyHandler handler, IOptions<ActivationOptions> options, HttpContext http, CancellationToken ct)
    {
        var outcome = await handler.HandleAsync(request, http.Connection.RemoteIpAddress?.ToString() ?? "unknown", ct);
        if (outcome == ActivationOutcome.TooManyAttempts)
        {
            // Every counted failure has left the window after one window at the latest.
            http.Response.Headers.RetryAfter = ((long)Math.Ceiling(options.Value.Window.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return outcome is ActivationOutcome.Activated or ActivationOutcome.AwaitsConfirmation
            ? TypedResults.Accepted((string?)null, new ActivationAccepted(outcome.ToString(), ActivationTexts.Message(outcome)))
            : ActivationTexts.Problem(outcome);
    }
}
