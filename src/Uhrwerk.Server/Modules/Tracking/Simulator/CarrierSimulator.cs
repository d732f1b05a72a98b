using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.Ingest;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Tracking.Simulator;

/// <summary>
/// The demo's DHL and UPS: for shipments on their way with those carriers, it plays a journey (<see cref="SimulatedJourney"/>)
/// on a compressed schedule and sends each step through the real webhook endpoint over HTTP, signed with the carrier's
/// secret (<see cref="CarrierSecrets"/>, generated in the demo), so the demo exercises exactly the path real carriers take.
/// On in the demo (appsettings.Development.json), off everywhere else.
/// </summary>
internal sealed class CarrierSimulator(IServiceScopeFactory scopes, IServer server, IHttpClientFactory http, CarrierSecrets secrets, IOptions<SimulatorSettings> options,
    TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<CarrierSimulator> log) : BackgroundService
{
    private static readonly string[] Simulated = ["dhl", "ups"];

    // Steps already sent per parcel; after a restart they are sent again and counted once by their event ids.
    private readonly ConcurrentDictionary<string, int> _sent = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(started.SetResult))
        {
            await started.Task.WaitAsync(stoppingToken);
        }

        var since = clock.GetUtcNow();
        var baseUrl = options.Value.BaseUrl ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()?.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal);
        if (baseUrl is null)
        {
            log.LogWarning("The carrier simulator has no address to send to; set Tracking:Simulator:BaseUrl");
            return;
        }

        using var timer = new PeriodicTimer(options.Value.StepEvery / 2);
        do
        {
            try
            {
                await StepAsync(new Uri(baseUrl), since, stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogWarning(e, "The carrier simulator's step failed; it tries again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task StepAsync(Uri baseUrl, DateTimeOffset since, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        var parcels = await db.TrackedShipments.AsNoTracking()
            .Where(t => t.Status != TrackingStatus.Delivered && t.Status != TrackingStatus.Exception && t.Status != TrackingStatus.Expired)
            .SelectMany(t => t.Parcels.Where(p => Simulated.Contains(p.Carrier)).Select(p => new { t.ShipmentId, t.ShippedAt, t.PromisedDeliveryDate, p.Carrier, p.TrackingNumber }))
            .Take(500).ToListAsync(ct);
        var client = http.CreateClient(nameof(CarrierSimulator));
        var now = clock.GetUtcNow();
        foreach (var parcel in parcels)
        {
            var start = parcel.ShippedAt > since ? parcel.ShippedAt : since;
            var journey = SimulatedJourney.For(parcel.ShipmentId, parcel.PromisedDeliveryDate, options.Value);
            var due = Math.Min(journey.Count, (int)((now - start) / options.Value.StepEvery));
            var key = parcel.Carrier + "/" + parcel.TrackingNumber;
            if (due == 0 || _sent.GetValueOrDefault(key) >= due || secrets.For(parcel.Carrier) is not { } secret)
            {
                continue;
            }

            var history = journey.Take(due).Select((scan, i) => (start + options.Value.StepEvery * (i + 1), scan)).ToList();
            var body = CarrierFormats.Write(parcel.Carrier, parcel.TrackingNumber, history);
            var id = "sim_" + Guid.NewGuid().ToString("N");
            var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUrl, $"/api/v1/tracking/webhooks/{parcel.Carrier}"))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            request.Headers.Add(StandardWebhooks.IdHeader, id);
            request.Headers.Add(StandardWebhooks.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(StandardWebhooks.SignatureHeader, StandardWebhooks.Sign(secret, id, timestamp, body));
            using var response = await client.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                _sent[key] = due;
            }
            else
            {
                log.LogWarning("The carrier simulator's webhook for {Parcel} was answered {Status}", key, (int)response.StatusCode);
            }
        }
    }
}
