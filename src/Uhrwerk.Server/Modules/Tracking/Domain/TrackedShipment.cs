using System.Buffers.Text;
using System.Security.Cryptography;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Tracking.Domain;

/// <summary>What tracking needs to know of a shipment that left the warehouse.</summary>
public sealed record ShipmentToTrack(
    Guid ShipmentId,
    Guid CompanyId,
    Guid OrderId,
    string OrderNumber,
    string Reference,
    string WarehouseCode,
    string? Carrier,
    string? Service,
    DateOnly PlannedShipDate,
    DateOnly PromisedDeliveryDate,
    DateTimeOffset ShippedAt,
    string DestinationPostalCode,
    string DestinationCountry,
    IReadOnlyList<string> TrackingNumbers);

/// <summary>
/// A shipment on its way, as its carrier's scans tell it. The state is always derived from all scans ordered by the
/// time they happened, never from the order they arrived in: carriers send late, twice and out of order.
/// </summary>
public sealed class TrackedShipment : ICompanyOwned
{
    private readonly List<TrackedParcel> _parcels = [];
    private readonly List<TrackingScan> _scans = [];

    private TrackedShipment() { }

    public Guid Id { get; private set; }
    public Guid ShipmentId { get; private set; }
    public Guid? CompanyId { get; private set; }
    public Guid OrderId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public string Reference { get; private set; } = "";
    public string WarehouseCode { get; private set; } = "";
    public string? Carrier { get; private set; }
    public string? Service { get; private set; }
    public DateOnly PlannedShipDate { get; private set; }
    public DateOnly PromisedDeliveryDate { get; private set; }
    public DateTimeOffset ShippedAt { get; private set; }

    /// <summary>Where it goes, as far as lanes are concerned: country and postal code of the ship-to address.</summary>
    public string DestinationCountry { get; private set; } = "";
    public string DestinationPostalCode { get; private set; } = "";

    /// <summary>The unguessable part of the public tracking link; whoever holds it may see this shipment without signing in.</summary>
    public string PublicToken { get; private set; } = "";

    public TrackingStatus Status { get; private set; }
    public string? SubStatus { get; private set; }

    /// <summary>When the scan that set <see cref="Status"/> happened.</summary>
    public DateTimeOffset StatusAt { get; private set; }

    /// <summary>The latest scan's time; none yet: only the hand-over to the carrier is known.</summary>
    public DateTimeOffset? LastScanAt { get; private set; }

    /// <summary>The carrier's delivery estimate from its latest scan that carried one.</summary>
    public DateTimeOffset? CarrierEta { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>The day the goods are expected now: the carrier's estimate, else one from the lane's history; none while unknown.</summary>
    public DateOnly? ExpectedDelivery { get; private set; }

    /// <summary>Why the promise is at risk, while it is; what the customer was told last.</summary>
    public DelayCause? Delay { get; private set; }

    /// <summary>When the customer was told of the delay (first notice); how early a warning came is measured from here.</summary>
    public DateTimeOffset? DelayNoticedAt { get; private set; }

    /// <summary>When staff gave the parcel up as lost (the carrier's Expired says the same without them).</summary>
    public DateTimeOffset? DeclaredLostAt { get; private set; }

    /// <summary>When the carrier is asked next, for carriers that are polled; none: at the next round. Instances claim a shipment by moving it on.</summary>
    public DateTimeOffset? NextPollAt { get; private set; }

    public int Version { get; private set; }

    public IReadOnlyList<TrackedParcel> Parcels => _parcels;
    public IReadOnlyList<TrackingScan> Scans => _scans;

    public static TrackedShipment Start(ShipmentToTrack shipment, DateTimeOffset now)
    {
        var tracked = new TrackedShipment
        {
            Id = Guid.CreateVersion7(now),
            ShipmentId = shipment.ShipmentId,
            CompanyId = shipment.CompanyId,
            OrderId = shipment.OrderId,
            OrderNumber = shipment.OrderNumber,
            Reference = shipment.Reference,
            WarehouseCode = shipment.WarehouseCode,
            Carrier = shipment.Carrier,
            Service = shipment.Service,
            PlannedShipDate = shipment.PlannedShipDate,
            PromisedDeliveryDate = shipment.PromisedDeliveryDate,
            ShippedAt = shipment.ShippedAt,
            DestinationCountry = shipment.DestinationCountry,
            DestinationPostalCode = shipment.DestinationPostalCode,
            PublicToken = NewToken(),
            Status = TrackingStatus.Pending,
            StatusAt = shipment.ShippedAt,
        };
        tracked._parcels.AddRange(shipment.TrackingNumbers.Distinct().Select(n => TrackedParcel.Of(tracked.Id, shipment.Carrier, n)));
        return tracked;
    }

    /// <summary>
    /// Records the scans not seen before and derives the state again from all of them. Answers what changed, or null when
    /// nothing did (every scan was a repeat).
    /// </summary>
    public TrackingChange? Record(IReadOnlyList<ScanReport> reports, DateTimeOffset receivedAt)
    {
        var known = _scans.Select(s => s.EventId).ToHashSet(StringComparer.Ordinal);
        var fresh = reports.Where(r => known.Add(r.EventId)).Select(r => TrackingScan.Of(Id, r, receivedAt)).ToList();
        if (fresh.Count == 0)
        {
            return null;
        }

        var before = (Status, CarrierEta);
        _scans.AddRange(fresh);
        Derive();
        Version++;
        return new TrackingChange(before.Status, before.CarrierEta, fresh);
    }

    /// <summary>The expected delivery day as estimated now. Answers whether it changed.</summary>
    public bool Expect(DateOnly? day)
    {
        if (day == ExpectedDelivery)
        {
            return false;
        }

        ExpectedDelivery = day;
        Version++;
        return true;
    }

    /// <summary>The promise is at risk for <paramref name="cause"/> and the customer is told now. Answers false when this cause was already told.</summary>
    public bool NoticeDelay(DelayCause cause, DateTimeOffset now)
    {
        if (Delay == cause)
        {
            return false;
        }

        Delay = cause;
        DelayNoticedAt ??= now;
        Version++;
        return true;
    }

    /// <summary>Staff give the parcel up as lost; a delivered one was not lost. Answers false when it was declared lost already.</summary>
    public bool DeclareLost(DateTimeOffset now)
    {
        if (Status == TrackingStatus.Delivered)
        {
            throw new DomainException("delivered_not_lost", T.Get("Tracking.DeliveredNotLost"));
        }

        if (DeclaredLostAt is not null)
        {
            return false;
        }

        DeclaredLostAt = now;
        Version++;
        return true;
    }

    private void Derive()
    {
        var ordered = _scans.OrderBy(s => s.OccurredAt).ThenBy(s => s.Status).ToList();
        var latest = ordered[^1];
        Status = latest.Status;
        SubStatus = latest.SubStatus;
        StatusAt = latest.OccurredAt;
        LastScanAt = latest.OccurredAt;
        CarrierEta = ordered.LastOrDefault(s => s.EstimatedDelivery is not null)?.EstimatedDelivery;
        DeliveredAt = Status == TrackingStatus.Delivered ? latest.OccurredAt : null;
    }

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));
}

/// <summary>What one recorded message changed: the state before it and the scans it added.</summary>
public sealed record TrackingChange(TrackingStatus PreviousStatus, DateTimeOffset? PreviousCarrierEta, IReadOnlyList<TrackingScan> NewScans);

/// <summary>A parcel of the shipment by its carrier's tracking number: how a carrier's message finds its shipment.</summary>
public sealed class TrackedParcel
{
    private TrackedParcel() { }

    public Guid Id { get; private set; }
    public Guid TrackedShipmentId { get; private set; }
    public string Carrier { get; private set; } = "";
    public string TrackingNumber { get; private set; } = "";

    internal static TrackedParcel Of(Guid trackedShipmentId, string? carrier, string trackingNumber) => new()
    {
        Id = Guid.NewGuid(), TrackedShipmentId = trackedShipmentId, Carrier = CarrierName.Normalise(carrier), TrackingNumber = trackingNumber.Trim(),
    };
}

/// <summary>One scan of the carrier, normalised, with the carrier's own code and text kept; times in UTC (carriers send local offsets).</summary>
public sealed class TrackingScan
{
    private TrackingScan() { }

    public Guid Id { get; private set; }
    public Guid TrackedShipmentId { get; private set; }
    public string EventId { get; private set; } = "";
    public DateTimeOffset OccurredAt { get; private set; }
    public DateTimeOffset ReceivedAt { get; private set; }
    public TrackingStatus Status { get; private set; }
    public string? SubStatus { get; private set; }
    public string? CarrierCode { get; private set; }
    public string? CarrierText { get; private set; }
    public string? Location { get; private set; }
    public DateTimeOffset? EstimatedDelivery { get; private set; }

    internal static TrackingScan Of(Guid trackedShipmentId, ScanReport report, DateTimeOffset receivedAt) => new()
    {
        Id = Guid.NewGuid(),
        TrackedShipmentId = trackedShipmentId,
        EventId = Cut(report.EventId, 200)!,
        OccurredAt = report.OccurredAt.ToUniversalTime(),
        ReceivedAt = receivedAt,
        Status = report.Status,
        SubStatus = Cut(report.SubStatus, 60),
        CarrierCode = Cut(report.CarrierCode, 60),
        CarrierText = Cut(report.CarrierText, 500),
        Location = Cut(report.Location, 200),
        EstimatedDelivery = report.EstimatedDelivery?.ToUniversalTime(),
    };

    // Carriers' texts are free and sometimes long; what we show and compare fits in these lengths.
    private static string? Cut(string? text, int max) => text is { Length: > 0 } t ? (t.Length > max ? t[..max] : t) : null;
}

/// <summary>Carrier names compare without case or surrounding blanks ("DHL", "dhl ").</summary>
public static class CarrierName
{
    public static string Normalise(string? carrier) => (carrier ?? "").Trim().ToLowerInvariant();
}
