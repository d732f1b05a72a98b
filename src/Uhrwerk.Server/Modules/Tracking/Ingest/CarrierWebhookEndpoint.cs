using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Tracking.Carriers;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Tracking.Ingest;

/// <summary>
/// Carriers call this without signing in; the signature over the raw body is their authentication. A good call is stored as
/// it came and answered at once; reading it happens afterwards (<see cref="CarrierMessageProcessor"/>), so a slow or
/// failing step never makes the carrier wait or resend.
/// </summary>
internal static class CarrierWebhookEndpoint
{
    /// <summary>Carriers' messages are small; a larger body is refused before it is read to the end.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static void Map(RouteGroupBuilder tracking) =>
        tracking.MapPost("/tracking/webhooks/{carrier}", ReceiveAsync)
            .AllowAnonymous()
            .RequireRateLimiting(CarrierWebhookRateLimit.Name)
            .WithSummary("A carrier's tracking message, signed by the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature); stored and processed afterwards")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

    private static async Task<Results<Accepted, ProblemHttpResult>> ReceiveAsync(string carrier, HttpRequest request, CarrierAdapters adapters, CarrierSecrets secrets,
        CarrierInbox inbox, IOptions<TrackingIngestOptions> options, TimeProvider clock, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes || await ReadAsync(request.Body, ct) is not { } body)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: T.Get("Problem.TooLarge"), detail: T.Get("Problem.TooLarge"));
        }

        var name = CarrierName.Normalise(carrier);
        var now = clock.GetUtcNow();
        var webhookId = request.Headers[StandardWebhooks.IdHeader].ToString();
        if (adapters.For(name) is null || secrets.For(name) is not { } secret || webhookId.Length > 200
            || !StandardWebhooks.Verify(secret, webhookId, request.Headers[StandardWebhooks.TimestampHeader], request.Headers[StandardWebhooks.SignatureHeader], body, now,
                options.Value.Ingest.SignatureTolerance))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: T.Get("Problem.Unauthenticated"), detail: T.Get("Tracking.BadSignature"));
        }

        // A message sent again (the carrier did not see our answer) is stored once and answered the same.
        await inbox.StoreAsync(name, webhookId, body, ct);
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>The body as text, or null when it is larger than allowed (a missing or wrong Content-Length must not let more through).</summary>
    private static async Task<string?> ReadAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
