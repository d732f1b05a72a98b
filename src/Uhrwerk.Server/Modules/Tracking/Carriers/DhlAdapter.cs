using System.Text.Json;
using Uhrwerk.Server.Modules.Tracking.Domain;

namespace Uhrwerk.Server.Modules.Tracking.Carriers;

/// <summary>
/// DHL Shipment Tracking – Unified: <c>shipments[]</c>, each with its current <c>status</c>, its <c>events[]</c> (the same
/// shape, newest first) and the estimate (<c>estimatedTimeOfDelivery</c> or <c>estimatedDeliveryTimeFrame</c>). DHL's
/// status codes are coarse (pre-transit, transit, delivered, failure, unknown); the description tells the steps apart.
/// DHL gives its events no id, so each gets one derived from its content.
/// </summary>
public sealed class DhlAdapter : ICarrierAdapter
{
    public string Carrier => "dhl";

    public HttpRequestMessage? PollRequest(string trackingNumber, string? apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("track/shipments?trackingNumber=" + Uri.EscapeDataString(trackingNumber), UriKind.Relative));
        request.Headers.Add("DHL-API-Key", apiKey);
        return request;
    }

    public IReadOnlyList<TrackingUpdate> Parse(string body)
    {
        using var json = CarrierJson.Read(body);
        if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("shipments", out var shipments) || shipments.ValueKind != JsonValueKind.Array)
        {
            throw new CarrierFormatException("A DHL message has a shipments array.");
        }

        return shipments.EnumerateArray().Select(Shipment).ToList();
    }

    private TrackingUpdate Shipment(JsonElement shipment)
    {
        var number = shipment.Text("id") ?? throw new CarrierFormatException("A DHL shipment has an id.");
        var scans = shipment.Array("events").Prepend(shipment.TryGetProperty("status", out var status) ? status : default)
            .Where(e => e.ValueKind == JsonValueKind.Object)
            .Select(e => Scan(number, e))
            .DistinctBy(s => s.EventId)
            .OrderBy(s => s.OccurredAt)
            .ToList();
        var eta = CarrierJson.OptionalTime(shipment.Text("estimatedTimeOfDelivery") ?? shipment.Text("estimatedDeliveryTimeFrame", "estimatedThrough"), "estimatedTimeOfDelivery");
        // The estimate is what DHL expects as of its latest event.
        if (eta is not null && scans.Count > 0)
        {
            scans[^1] = scans[^1] with { EstimatedDelivery = eta };
        }

        return new TrackingUpdate(Carrier, number, scans);
    }

    private static ScanReport Scan(string number, JsonElement e)
    {
        var at = CarrierJson.Time(e.Text("timestamp"), "DHL event timestamp");
        var code = e.Text("statusCode") ?? "unknown";
        var text = CarrierJson.Place(e.Text("status"), e.Text("description"));
        var location = CarrierJson.Place(
            CarrierJson.Place(e.Text("location", "address", "postalCode"), e.Text("location", "address", "addressLocality"))?.Replace(", ", " ", StringComparison.Ordinal),
            e.Text("location", "address", "countryCode"));
        var (normalised, sub) = Normalise(code, text);
        return new ScanReport(CarrierJson.DerivedEventId(number, at, code + "/" + e.Text("status"), location), at, normalised, sub, code, text, location, null);
    }

    public static (TrackingStatus, string?) Normalise(string code, string? text) => code switch
    {
        "pre-transit" => (TrackingStatus.InfoReceived, null),
        "delivered" => (TrackingStatus.Delivered, CarrierJson.Mentions(text, "Packstation", "Filiale", "Nachbar", "neighbour") ? "DeliveredElsewhere" : null),
        "failure" when CarrierJson.Mentions(text, "attempt", "not at home", "nicht angetroffen", "Zustellversuch", "not be delivered") => (TrackingStatus.AttemptFail, "RecipientNotAvailable"),
        "failure" when CarrierJson.Mentions(text, "lost", "verloren") => (TrackingStatus.Exception, "Lost"),
        "failure" when CarrierJson.Mentions(text, "damage", "beschädigt") => (TrackingStatus.Exception, "Damaged"),
        "failure" when CarrierJson.Mentions(text, "return", "Rücksendung", "zurück") => (TrackingStatus.Exception, "ReturningToSender"),
        "failure" => (TrackingStatus.Exception, null),
        "transit" when CarrierJson.Mentions(text, "out for delivery", "in Zustellung", "Zustellfahrzeug", "wird heute zugestellt") => (TrackingStatus.OutForDelivery, null),
        "transit" when CarrierJson.Mentions(text, "ready for pick", "abholbereit", "zur Abholung", "available for pick") => (TrackingStatus.AvailableForPickup, "AtPickupPoint"),
        "transit" when CarrierJson.Mentions(text, "abgeholt", "picked up") => (TrackingStatus.InTransit, "PickedUp"),
        "transit" => (TrackingStatus.InTransit, null),
        _ => (TrackingStatus.Pending, "Unknown"),
    };
}
