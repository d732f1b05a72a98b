using Uhrwerk.Server.Modules.Fulfillment;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Tracking;

public sealed record ScanView(DateTimeOffset OccurredAt, TrackingStatus Status, string? Location);

/// <summary>
/// One shipment as its recipient may see it: where it is, when it comes, why it is late. Nothing of the buyer (name,
/// e-mail), no prices and nothing of other shipments.
/// </summary>
public sealed record ShipmentTrackingView(
    Guid ShipmentId, string OrderNumber, string Reference, string? Carrier, IReadOnlyList<string> TrackingNumbers, TrackingStatus Status, DateTimeOffset StatusAt,
    DateOnly PromisedDeliveryDate, DateOnly? ExpectedDelivery, DateTimeOffset? CarrierEta, DateTimeOffset? DeliveredAt, DelayCause? Delay, IReadOnlyList<ScanView> Scans)
{
    /// <summary>The day it is expected now: the delay watch's estimate, else the carrier's; none once delivered.</summary>
    public DateOnly? Expected => DeliveredAt is not null ? null : ExpectedDelivery ?? (CarrierEta is { } eta ? BerlinTime.DateOf(eta) : null);

    public IReadOnlyList<DeliveredItem> Items { get; init; } = [];
}

