using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Tracking.Carriers;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Tracking.Ingest;

/// <summary>
/// The webhook answers before the signature is checked only with a 429: each carrier and sending address has its own
/// budget per minute, so one flooding sender (or a stolen secret) cannot crowd out the others or fill the inbox. Carrier
/// names without an adapter share one budget per address, so made-up names cannot open partitions without end.
/// </summary>
internal sealed class CarrierWebhookRateLimit(CarrierAdapters adapters, IOptions<TrackingIngestOptions> options) : IRateLimiterPolicy<string>
{
    public const string Name = "carrier-webhooks";

    private const string UnknownCarrier = "?";

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, ct) =>
    {
        var http = context.HttpContext;
        if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: T.Get("Tracking.WebhookRateLimited"), detail: T.Get("Tracking.WebhookRateLimited"))
            .ExecuteAsync(http);
    };

    public RateLimitPartition<string> GetPartition(HttpContext http)
    {
        var name = CarrierName.Normalise(http.Request.RouteValues["carrier"] as string);
        var carrier = adapters.For(name) is null ? UnknownCarrier : name;
        var perMinute = options.Value.Carriers.TryGetValue(carrier, out var settings) && settings.WebhookRequestsPerMinute is { } own
            ? own
            : options.Value.Ingest.WebhookRequestsPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter($"{carrier}|{http.Connection.RemoteIpAddress}", _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
    }
}
