using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Uhrwerk.Tests.Tracking;

/// <summary>
/// A carrier's tracking API on a free loopback port (real Kestrel): answers with the body set for a tracking number, or
/// 404; <see cref="RateLimitFirst"/> makes it answer that many calls with 429 and a Retry-After first.
/// </summary>
public sealed class CarrierStub : IAsyncDisposable
{
    private readonly WebApplication _app;

    public CarrierStub()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/track/shipments", (string trackingNumber, HttpRequest request) =>
        {
            Calls.Enqueue(trackingNumber + " " + request.Headers["DHL-API-Key"]);
            if (Interlocked.Decrement(ref _rateLimited) >= 0)
            {
                return Results.StatusCode(StatusCodes.Status429TooManyRequests).WithRetryAfter();
            }

            return Answers.TryGetValue(trackingNumber, out var body) ? Results.Text(body, "application/json") : Results.NotFound();
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    private int _rateLimited;

    public string BaseUrl { get; }

    public ConcurrentDictionary<string, string> Answers { get; } = new();

    /// <summary>Every call: the tracking number asked for and the API key sent.</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    public int RateLimitFirst { set => _rateLimited = value; }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

internal static class RetryAfterResult
{
    /// <summary>A 429 that asks to wait one second, as a rate-limited carrier answers.</summary>
    public static IResult WithRetryAfter(this IResult result) => new WithHeader(result, "Retry-After", "1");

    private sealed class WithHeader(IResult inner, string name, string value) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.Headers[name] = value;
            return inner.ExecuteAsync(http);
        }
    }
}

/// <summary>The secrets and polling settings of the carrier specs; processing is run by the specs themselves, step by step.</summary>
internal static class CarrierSettings
{
    public const string DhlSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    public const string UpsSecret = "whsec_dXBzLXNlY3JldC1mb3ItdGhlLXNwZWNzLW9ubHk=";
    public const string GenericSecret = "whsec_Z2VuZXJpYy1zZWNyZXQtZm9yLXRoZS1zcGVjcw==";

    /// <summary>UPS's webhook budget in the specs: small, to see it run out; the other carriers keep the default.</summary>
    public const int UpsWebhookRequestsPerMinute = 3;

    public static IReadOnlyDictionary<string, string?> For(CarrierStub stub) => new Dictionary<string, string?>
    {
        ["Tracking:Carriers:dhl:WebhookSecret"] = DhlSecret,
        ["Tracking:Carriers:dhl:PollingBaseUrl"] = stub.BaseUrl,
        ["Tracking:Carriers:dhl:ApiKey"] = "dhl-api-key-of-the-specs",
        ["Tracking:Carriers:ups:WebhookSecret"] = UpsSecret,
        ["Tracking:Carriers:ups:WebhookRequestsPerMinute"] = UpsWebhookRequestsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Tracking:Carriers:generic:WebhookSecret"] = GenericSecret,
    };
}

public class SqliteWithCarriers : SqliteFactory
{
    public CarrierStub Carrier { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => CarrierSettings.For(Carrier);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Carrier.DisposeAsync();
    }
}

public class PostgresWithCarriers : PostgresFactory
{
    public CarrierStub Carrier { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => CarrierSettings.For(Carrier);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Carrier.DisposeAsync();
    }
}
