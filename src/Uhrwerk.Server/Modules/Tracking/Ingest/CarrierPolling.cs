using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Tracking.Carriers;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Tracking.Ingest;

/// <summary>
/// Asks a carrier about one parcel. The standard resilience handler retries transient failures and waits as long as a
/// 429's Retry-After says, so a carrier's rate limit is respected.
/// </summary>
internal sealed class CarrierPollingClient(HttpClient http)
{
    /// <summary>The carrier's answer, or null when it does not know the parcel (yet).</summary>
    public async Task<string?> FetchAsync(ICarrierAdapter adapter, CarrierSettings settings, string trackingNumber, CancellationToken ct)
    {
        using var request = adapter.PollRequest(trackingNumber, settings.ApiKey);
        if (request is null || settings.PollingBaseUrl is not { Length: > 0 } baseUrl)
        {
            return null;
        }

        request.RequestUri = new Uri(new Uri(baseUrl.TrimEnd('/') + "/"), request.RequestUri!);
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct);
    }
}

/// <summary>
/// Polls carriers that have a polling URL configured for their shipments on the way (not delivered, not expired), each
/// shipment every <see cref="IngestSettings.PollingInterval"/>. Safe with several instances: a shipment is claimed by moving
/// its next poll time on with a conditional update, which only one instance can win. Answers go to the
/// <see cref="CarrierInbox"/> like webhook calls, so one path reads them all; an unchanged answer is stored once.
/// </summary>
internal sealed class CarrierPolling(UhrwerkDbContext db, CarrierAdapters adapters, CarrierPollingClient client, CarrierInbox inbox,
    IOptions<TrackingIngestOptions> options, TimeProvider clock, ILogger<CarrierPolling> log)
{
    /// <summary>Polls the shipments due now; answers how many were polled.</summary>
    public async Task<int> PollDueAsync(CancellationToken ct)
    {
        var polled = 0;
        foreach (var (carrier, settings) in options.Value.Carriers.Where(c => c.Value.PollingBaseUrl is { Length: > 0 }))
        {
            var name = CarrierName.Normalise(carrier);
            if (adapters.For(name) is not { } adapter)
            {
                continue;
            }

            var now = clock.GetUtcNow();
            var due = await db.TrackedShipments
                .Where(t => t.Status != TrackingStatus.Delivered && t.Status != TrackingStatus.Expired && (t.NextPollAt == null || t.NextPollAt <= now)
                    && t.Parcels.Any(p => p.Carrier == name))
                .OrderBy(t => t.ShippedAt).Select(t => t.Id).Take(options.Value.Ingest.PollingBatch).ToListAsync(ct);
            foreach (var id in due)
            {
                if (await ClaimAsync(id, now, ct))
                {
                    await PollAsync(id, name, adapter, settings, ct);
                    polled++;
                }
            }
        }

        return polled;
    }

    private async Task<bool> ClaimAsync(Guid id, DateTimeOffset now, CancellationToken ct)
    {
        var next = now + options.Value.Ingest.PollingInterval;
        return await db.TrackedShipments.Where(t => t.Id == id && (t.NextPollAt == null || t.NextPollAt <= now))
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.NextPollAt, next), ct) == 1;
    }

    private async Task PollAsync(Guid id, string carrier, ICarrierAdapter adapter, CarrierSettings settings, CancellationToken ct)
    {
        var numbers = await db.TrackedParcels.Where(p => p.TrackedShipmentId == id && p.Carrier == carrier).Select(p => p.TrackingNumber).ToListAsync(ct);
        foreach (var number in numbers)
        {
            try
            {
                if (await client.FetchAsync(adapter, settings, number, ct) is { } body)
                {
                    await inbox.StoreAsync(carrier, "poll-" + Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(body))), body, ct);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
            {
                // Asked again at the next round.
                log.LogWarning(e, "Polling {Carrier} for parcel {TrackingNumber} failed", carrier, number);
            }
        }
    }
}

/// <summary>Runs the polling rounds in every instance; the claims keep instances from asking twice.</summary>
internal sealed class CarrierPollingWorker(IServiceScopeFactory scopes, IOptions<TrackingIngestOptions> options, ILogger<CarrierPollingWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Ingest.Enabled || !options.Value.Carriers.Values.Any(c => c.PollingBaseUrl is { Length: > 0 }))
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Ingest.PollingRound);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<CarrierPolling>().PollDueAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "A polling round failed; the next one tries again");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
