using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform;

namespace Uhrwerk.Server.Modules.Tracking.Ingest;

/// <summary>One carrier's settings, <c>Tracking:Carriers:{carrier}</c>.</summary>
public sealed class CarrierSettings
{
    /// <summary>The Standard Webhooks secret the carrier signs with; from configuration or a secret store, never from the repository.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>This carrier's webhook calls per minute from one address, when it differs from <see cref="IngestSettings.WebhookRequestsPerMinute"/>.</summary>
    public int? WebhookRequestsPerMinute { get; set; }

    public string? PollingBaseUrl { get; set; }
    public string? ApiKey { get; set; }
}

/// <summary>The carriers (<c>Tracking:Carriers</c>) and the processing of their messages (<c>Tracking:Ingest</c>).</summary>
public sealed class TrackingIngestOptions
{
    public Dictionary<string, CarrierSettings> Carriers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IngestSettings Ingest { get; set; } = new();
}

public sealed class IngestSettings
{
    /// <summary>Whether this instance processes stored carrier messages; every instance may, the claims keep them apart.</summary>
    public bool Enabled { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a polled carrier is asked about one shipment.</summary>
    public TimeSpan PollingInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often an instance looks for shipments due to be polled, and how many it takes per carrier at a time.</summary>
    public TimeSpan PollingRound { get; set; } = TimeSpan.FromMinutes(1);

    public int PollingBatch { get; set; } = 100;

    /// <summary>How far a webhook's timestamp may lie from now: older calls are replays.</summary>
    public TimeSpan SignatureTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Webhook calls per minute one carrier may make from one address; a carrier's busy hour stays far below it.</summary>
    public int WebhookRequestsPerMinute { get; set; } = 60_000;

    public RetryPolicy Retry { get; set; } = new() { MaxAttempts = 8, BaseDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromMinutes(30) };

    /// <summary>Whether a carrier without a configured secret gets one made up (the demo, whose simulator signs with it).</summary>
    public bool GenerateMissingSecrets { get; set; }
}

/// <summary>
/// The carriers' webhook secrets. Configured ones win; when <see cref="IngestSettings.GenerateMissingSecrets"/> is on
/// (the demo), a carrier without one gets a random secret for this process's life, which the carrier simulator in the same
/// process reads from here: no secret is ever written to the repository or a log.
/// </summary>
public sealed class CarrierSecrets(IOptions<TrackingIngestOptions> options)
{
    private readonly ConcurrentDictionary<string, string> _generated = new(StringComparer.Ordinal);

    public string? For(string carrier)
    {
        var name = CarrierName.Normalise(carrier);
        if (options.Value.Carriers.TryGetValue(name, out var settings) && settings.WebhookSecret is { Length: > 0 } configured)
        {
            return configured;
        }

        return options.Value.Ingest.GenerateMissingSecrets
            ? _generated.GetOrAdd(name, _ => "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)))
            : null;
    }
}
