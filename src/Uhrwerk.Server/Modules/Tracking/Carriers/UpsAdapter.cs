using System.Globalization;
using System.Text.Json;
using Uhrwerk.Server.Modules.Tracking.Domain;

namespace Uhrwerk.Server.Modules.Tracking.Carriers;

/// <summary>
/// UPS Track API: <c>trackResponse.shipment[].package[]</c>, each with its <c>activity[]</c> (local <c>date</c> yyyyMMdd and
/// <c>time</c> HHmmss, with <c>gmtOffset</c> when UPS knows it), <c>currentStatus</c> and <c>deliveryDate[]</c> (SDD scheduled,
/// RDD rescheduled, DEL delivered). The status type says the step: M manifest, P pickup, I in transit, O out for
/// delivery, D delivered, X exception, RS returned; the code and text tell failed attempts from other exceptions.
/// </summary>
public sealed class UpsAdapter : ICarrierAdapter
{
    public string Carrier => "ups";

    public HttpRequestMessage? PollRequest(string trackingNumber, string? apiKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("api/track/v1/details/" + Uri.EscapeDataString(trackingNumber), UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
        request.Headers.Add("transId", Guid.NewGuid().ToString("N"));
        request.Headers.Add("transactionSrc", "uhrwerk");
        return request;
    }

    public IReadOnlyList<TrackingUpdate> Parse(string body)
    {
        using var json = CarrierJson.Read(body);
        if (json.RootElement.ValueKind != JsonValueKind.Object || !json.RootElement.TryGetProperty("trackResponse", out var response))
        {
            throw new CarrierFormatException("A UPS message has a trackResponse.");
        }

        return response.Array("shipment").SelectMany(s => s.Array("package")).Select(Package).ToList();
    }

    private TrackingUpdate Package(JsonElement package)
    {
        var number = package.Text("trackingNumber") ?? throw new CarrierFormatException("A UPS package has a trackingNumber.");
        var scans = package.Array("activity").Select(a => Scan(number, a)).DistinctBy(s => s.EventId).OrderBy(s => s.OccurredAt).ToList();
        // Delivery dates are in the recipient's local time, as are the activities that name their offset.
        var localOffset = package.Array("activity").Select(a => a.Text("gmtOffset")).FirstOrDefault(o => o is not null);
        if (Estimate(package, localOffset) is { } eta && scans.Count > 0)
        {
            scans[^1] = scans[^1] with { EstimatedDelivery = eta };
        }

        return new TrackingUpdate(Carrier, number, scans);
    }

    private static ScanReport Scan(string number, JsonElement activity)
    {
        var at = LocalTime(activity.Text("date"), activity.Text("time"), activity.Text("gmtOffset"));
        var type = activity.Text("status", "type") ?? "";
        var code = activity.Text("status", "code");
        var text = activity.Text("status", "description");
        var location = CarrierJson.Place(activity.Text("location", "address", "city"), activity.Text("location", "address", "stateProvince"),
            activity.Text("location", "address", "postalCode"), activity.Text("location", "address", "countryCode") ?? activity.Text("location", "address", "country"));
        var (status, sub) = Normalise(type, code, text);
        return new ScanReport(CarrierJson.DerivedEventId(number, at, type + "/" + code, location), at, status, sub, string.IsNullOrEmpty(code) ? type : $"{type}/{code}", text, location, null);
    }

    public static (TrackingStatus, string?) Normalise(string type, string? code, string? text) => type switch
    {
        "M" or "MV" => (TrackingStatus.InfoReceived, null),
        "P" => (TrackingStatus.InTransit, "PickedUp"),
        "O" => (TrackingStatus.OutForDelivery, null),
        "I" when code is "OT" || CarrierJson.Mentions(text, "out for delivery") => (TrackingStatus.OutForDelivery, null),
        "I" or "W" or "DO" or "DD" => (TrackingStatus.InTransit, null),
        "D" when CarrierJson.Mentions(text, "Access Point") => (TrackingStatus.AvailableForPickup, "AtPickupPoint"),
        "D" => (TrackingStatus.Delivered, null),
        "X" when code is "48" or "2Q" || CarrierJson.Mentions(text, "attempt", "not available", "not home", "closed") => (TrackingStatus.AttemptFail, "RecipientNotAvailable"),
        "X" when CarrierJson.Mentions(text, "lost", "unable to locate") => (TrackingStatus.Exception, "Lost"),
        "X" when CarrierJson.Mentions(text, "damage") => (TrackingStatus.Exception, "Damaged"),
        "X" => (TrackingStatus.Exception, null),
        "RS" => (TrackingStatus.Exception, "ReturningToSender"),
        _ => (TrackingStatus.Pending, "Unknown"),
    };

    /// <summary>The rescheduled date when UPS moved it, else the scheduled one; the end of the delivery window when given, else the end of the day.</summary>
    private static DateTimeOffset? Estimate(JsonElement package, string? gmtOffset)
    {
        var dates = package.Array("deliveryDate").Select(d => (Type: d.Text("type"), Date: d.Text("date"))).ToList();
        if ((dates.FirstOrDefault(d => d.Type == "RDD").Date ?? dates.FirstOrDefault(d => d.Type == "SDD").Date) is not { } date)
        {
            return null;
        }

        var end = package.Text("deliveryTime", "endTime") is { Length: 6 } t && package.Text("deliveryTime", "type") != "DEL" ? t : "235959";
        return LocalTime(date, end, gmtOffset);
    }

    private static DateTimeOffset LocalTime(string? date, string? time, string? gmtOffset)
    {
        if (!DateTime.TryParseExact(date + (time ?? "000000"), "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            throw new CarrierFormatException($"UPS date and time '{date}' '{time}' are not yyyyMMdd and HHmmss.");
        }

        // UPS gives the local time of the scan and, mostly, its offset; without one the time is taken as UTC.
        var offset = gmtOffset is not null && TimeSpan.TryParse(gmtOffset.TrimStart('+'), CultureInfo.InvariantCulture, out var o) ? o : TimeSpan.Zero;
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
