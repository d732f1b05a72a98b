using System.Text.Json;
using Uhrwerk.Server.Modules.Tracking.Domain;

namespace Uhrwerk.Server.Modules.Tracking.Carriers;

/// <summary>
/// Uhrwerk's own format (docs/tracking-webhooks.md) for any carrier without an adapter of its own or for a tracking
/// aggregator: the statuses come normalised already. The carrier is the one in the body, so one endpoint serves many.
/// </summary>
public sealed class GenericWebhookAdapter : ICarrierAdapter
{
    public const string Name = "generic";

    public string Carrier => Name;

    public IReadOnlyList<TrackingUpdate> Parse(string body)
    {
        using var json = CarrierJson.Read(body);
        var root = json.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CarrierFormatException("A tracking message is a JSON object.");
        }

        var carrier = root.Text("carrier") ?? throw new CarrierFormatException("carrier is required.");
        var number = root.Text("trackingNumber") ?? throw new CarrierFormatException("trackingNumber is required.");
        var scans = root.Array("events").Select(e => Scan(number, e)).DistinctBy(s => s.EventId).ToList();
        return [new TrackingUpdate(carrier, number, scans)];
    }

    private static ScanReport Scan(string number, JsonElement e)
    {
        var at = CarrierJson.Time(e.Text("occurredAt"), "occurredAt");
        if (!Enum.TryParse<TrackingStatus>(e.Text("status"), ignoreCase: true, out var status) || !Enum.IsDefined(status))
        {
            throw new CarrierFormatException($"status '{e.Text("status")}' is none of {string.Join(", ", Enum.GetNames<TrackingStatus>())}.");
        }

        var code = e.Text("code");
        var location = e.Text("location");
        return new ScanReport(e.Text("id") ?? CarrierJson.DerivedEventId(number, at, code ?? status.ToString(), location), at, status, e.Text("subStatus"),
            code, e.Text("text"), location, CarrierJson.OptionalTime(e.Text("estimatedDelivery"), "estimatedDelivery"));
    }
}
