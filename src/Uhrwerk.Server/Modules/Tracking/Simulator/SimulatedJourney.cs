using System.Globalization;
using System.Text.Json.Nodes;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Tracking.Simulator;

/// <summary><c>Tracking:Simulator</c>: the demo's carriers. Shares are of the shipments, 0 to 1.</summary>
public sealed class SimulatorSettings
{
    public bool Enabled { get; set; }

    /// <summary>How long one step of a parcel's journey takes in the demo (compressed from hours).</summary>
    public TimeSpan StepEvery { get; set; } = TimeSpan.FromSeconds(30);

    public double DelayShare { get; set; } = 0.15;
    public double FailedAttemptShare { get; set; } = 0.10;
    public double LossShare { get; set; } = 0.02;

    /// <summary>Where the webhooks go; none: this server's own address.</summary>
    public string? BaseUrl { get; set; }
}

/// <summary>One step of a simulated journey, as the carrier would scan it.</summary>
public sealed record SimulatedScan(TrackingStatus Status, string? SubStatus, string City, string PostalCode, DateTimeOffset? Eta);

/// <summary>
/// Realistic journeys for demo parcels, the same for the same shipment (seeded by its id): announced, picked up, sorted in
/// two hubs, out for delivery and delivered; some delayed on the way (a later estimate), some with a failed attempt and a
/// second round, a few lost.
/// </summary>
public static class SimulatedJourney
{
    public static IReadOnlyList<SimulatedScan> For(Guid shipmentId, DateOnly promised, SimulatorSettings settings)
    {
        var random = new Random(BitConverter.ToInt32(shipmentId.ToByteArray(), 0));
        var (delayed, attempt, lost) = (random.NextDouble() < settings.DelayShare, random.NextDouble() < settings.FailedAttemptShare, random.NextDouble() < settings.LossShare);
        var eta = EndOfDay(promised);
        var scans = new List<SimulatedScan>
        {
            new(TrackingStatus.InfoReceived, null, "Dortmund", "44135", null),
            new(TrackingStatus.InTransit, "PickedUp", "Dortmund", "44149", eta),
            new(TrackingStatus.InTransit, null, "Gersthofen", "86368", eta),
        };
        if (lost)
        {
            scans.Add(new(TrackingStatus.Exception, "Lost", "Gersthofen", "86368", null));
            return scans;
        }

        if (delayed)
        {
            eta = EndOfDay(promised.AddDays(2));
            scans.Add(new(TrackingStatus.InTransit, "Delayed", "Gersthofen", "86368", eta));
        }

        scans.Add(new(TrackingStatus.OutForDelivery, null, "Augsburg", "86153", eta));
        if (attempt)
        {
            eta = EndOfDay((delayed ? promised.AddDays(2) : promised).AddDays(1));
            scans.Add(new(TrackingStatus.AttemptFail, "RecipientNotAvailable", "Augsburg", "86153", eta));
            scans.Add(new(TrackingStatus.OutForDelivery, null, "Augsburg", "86153", eta));
        }

        scans.Add(new(TrackingStatus.Delivered, null, "Augsburg", "86153", null));
        return scans;
    }

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>Carriers promise a day, delivered by the evening, German time.</summary>
    private static DateTimeOffset EndOfDay(DateOnly day)
    {
        var evening = day.ToDateTime(new TimeOnly(18, 0));
        return new DateTimeOffset(evening, Berlin.GetUtcOffset(evening));
    }
}

/// <summary>
/// Writes simulated journeys the way the carriers do (the formats the adapters read): what a carrier's webhook carries is
/// the parcel's history so far, newest first.
/// </summary>
public static class CarrierFormats
{
    public static string Write(string carrier, string trackingNumber, IReadOnlyList<(DateTimeOffset At, SimulatedScan Scan)> history) => carrier switch
    {
        "dhl" => Dhl(trackingNumber, history),
        "ups" => Ups(trackingNumber, history),
        _ => throw new ArgumentOutOfRangeException(nameof(carrier), carrier, "The simulator writes DHL and UPS."),
    };

    private static string Dhl(string trackingNumber, IReadOnlyList<(DateTimeOffset At, SimulatedScan Scan)> history)
    {
        JsonObject Event((DateTimeOffset At, SimulatedScan Scan) e)
        {
            var (code, status, description) = e.Scan switch
            {
                { Status: TrackingStatus.InfoReceived } => ("pre-transit", "Elektronisch angekündigt", "Die Auftragsdaten zu dieser Sendung wurden vom Absender elektronisch an DHL übermittelt."),
                { Status: TrackingStatus.InTransit, SubStatus: "PickedUp" } => ("transit", "Abgeholt", "Die Sendung wurde abgeholt."),
                { Status: TrackingStatus.InTransit, SubStatus: "Delayed" } => ("transit", "Verspätet", "Die Sendung verzögert sich; der neue Zustelltermin ist angegeben."),
                { Status: TrackingStatus.InTransit } => ("transit", "Paketzentrum", "Die Sendung wurde im Paketzentrum bearbeitet."),
                { Status: TrackingStatus.OutForDelivery } => ("transit", "In Zustellung", "Die Sendung wurde in das Zustellfahrzeug geladen und wird heute zugestellt."),
                { Status: TrackingStatus.AttemptFail } => ("failure", "Zustellversuch", "Der Empfänger wurde nicht angetroffen. Ein zweiter Zustellversuch folgt."),
                { Status: TrackingStatus.Exception } => ("failure", "Verlust", "Die Sendung ist leider verloren gegangen."),
                _ => ("delivered", "Zugestellt", "Die Sendung wurde erfolgreich zugestellt."),
            };
            return new JsonObject
            {
                ["timestamp"] = BerlinTime.ToLocal(e.At).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                ["location"] = new JsonObject { ["address"] = new JsonObject { ["countryCode"] = "DE", ["postalCode"] = e.Scan.PostalCode, ["addressLocality"] = e.Scan.City } },
                ["statusCode"] = code,
                ["status"] = status,
                ["description"] = description,
            };
        }

        var events = history.OrderByDescending(h => h.At).Select(Event).ToList();
        var shipment = new JsonObject
        {
            ["id"] = trackingNumber,
            ["service"] = "parcel-de",
            ["status"] = events[0].DeepClone(),
            ["events"] = new JsonArray([.. events]),
        };
        if (history.OrderBy(h => h.At).Last().Scan.Eta is { } eta)
        {
            shipment["estimatedTimeOfDelivery"] = eta.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
        }

        return new JsonObject { ["shipments"] = new JsonArray(shipment) }.ToJsonString();
    }

    private static string Ups(string trackingNumber, IReadOnlyList<(DateTimeOffset At, SimulatedScan Scan)> history)
    {
        JsonObject Activity((DateTimeOffset At, SimulatedScan Scan) e)
        {
            var (type, code, description) = e.Scan switch
            {
                { Status: TrackingStatus.InfoReceived } => ("M", "MP", "Shipper created a label, UPS has not received the package yet."),
                { Status: TrackingStatus.InTransit, SubStatus: "PickedUp" } => ("P", "PU", "Pickup Scan"),
                { Status: TrackingStatus.InTransit, SubStatus: "Delayed" } => ("I", "DY", "Delay: the delivery date has been updated."),
                { Status: TrackingStatus.InTransit } => ("I", "AR", "Arrived at Facility"),
                { Status: TrackingStatus.OutForDelivery } => ("I", "OT", "Out For Delivery Today"),
                { Status: TrackingStatus.AttemptFail } => ("X", "48", "The receiver was not available for delivery. We'll make a second attempt the next business day."),
                { Status: TrackingStatus.Exception } => ("X", "LP", "Package lost; UPS is unable to locate it."),
                _ => ("D", "FS", "DELIVERED"),
            };
            var local = BerlinTime.ToLocal(e.At);
            return new JsonObject
            {
                ["location"] = new JsonObject { ["address"] = new JsonObject { ["city"] = e.Scan.City, ["postalCode"] = e.Scan.PostalCode, ["countryCode"] = "DE" } },
                ["status"] = new JsonObject { ["type"] = type, ["description"] = description, ["code"] = code },
                ["date"] = local.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
                ["time"] = local.ToString("HHmmss", CultureInfo.InvariantCulture),
                ["gmtOffset"] = local.ToString("zzz", CultureInfo.InvariantCulture),
            };
        }

        var package = new JsonObject
        {
            ["trackingNumber"] = trackingNumber,
            ["activity"] = new JsonArray([.. history.OrderByDescending(h => h.At).Select(Activity)]),
        };
        if (history.OrderBy(h => h.At).Last().Scan.Eta is { } eta)
        {
            package["deliveryDate"] = new JsonArray(new JsonObject { ["type"] = "SDD", ["date"] = eta.ToString("yyyyMMdd", CultureInfo.InvariantCulture) });
            package["deliveryTime"] = new JsonObject { ["type"] = "EOD", ["endTime"] = eta.ToString("HHmmss", CultureInfo.InvariantCulture) };
        }

        return new JsonObject { ["trackResponse"] = new JsonObject { ["shipment"] = new JsonArray(new JsonObject { ["package"] = new JsonArray(package) }) } }.ToJsonString();
    }
}
