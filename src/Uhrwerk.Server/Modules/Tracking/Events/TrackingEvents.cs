using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Tracking.Events;

// What Tracking tells the rest of the system (delay watch, notifications, surveys, ERP webhooks), after the change
// committed. Facts only; docs/events.md describes each one.

/// <summary>The tracked shipment as it stands after the event; the aggregate is the order, like Fulfillment's shipment events.</summary>
public sealed record TrackingSnapshot(
    Guid TrackedShipmentId,
    Guid ShipmentId,
    string Reference,
    Guid OrderId,
    string OrderNumber,
    Guid CompanyId,
    string WarehouseCode,
    string? Carrier,
    string? Service,
    DateOnly PlannedShipDate,
    DateOnly PromisedDeliveryDate,
    DateTimeOffset ShippedAt,
    string DestinationCountry,
    string DestinationPostalCode,
    string Status,
    string? SubStatus,
    DateTimeOffset StatusAt,
    DateTimeOffset? LastScanAt,
    DateTimeOffset? CarrierEta,
    DateTimeOffset? DeliveredAt,
    DateOnly? ExpectedDelivery,
    string? Delay,
    IReadOnlyList<string> TrackingNumbers)
{
    public static TrackingSnapshot Of(TrackedShipment t) => new(t.Id, t.ShipmentId, t.Reference, t.OrderId, t.OrderNumber, t.CompanyId!.Value,
        t.WarehouseCode, t.Carrier, t.Service, t.PlannedShipDate, t.PromisedDeliveryDate, t.ShippedAt, t.DestinationCountry, t.DestinationPostalCode,
        t.Status.ToString(), t.SubStatus, t.StatusAt, t.LastScanAt, t.CarrierEta, t.DeliveredAt, t.ExpectedDelivery, t.Delay?.ToString(), t.Parcels.Select(p => p.TrackingNumber).ToList());
}

public sealed record ScanSnapshot(string EventId, DateTimeOffset OccurredAt, string Status, string? SubStatus, string? CarrierCode, string? CarrierText,
    string? Location, DateTimeOffset? EstimatedDelivery)
{
    public static ScanSnapshot Of(TrackingScan s) => new(s.EventId, s.OccurredAt, s.Status.ToString(), s.SubStatus, s.CarrierCode, s.CarrierText, s.Location, s.EstimatedDelivery);
}

/// <summary>A shipment left the warehouse and is tracked from now on: it has a public tracking link.</summary>
[Event("TrackingStarted", 1)]
public sealed record TrackingStarted(TrackingSnapshot Tracking);

/// <summary>
/// A carrier reported scans not seen before. <paramref name="PreviousStatus"/> and <paramref name="PreviousCarrierEta"/>
/// are the state before them, so a handler sees whether the status or the estimate changed; <paramref name="NewScans"/>
/// are the scans this message added, in the order they happened.
/// </summary>
[Event("TrackingUpdated", 1)]
public sealed record TrackingUpdated(TrackingSnapshot Tracking, string PreviousStatus, DateTimeOffset? PreviousCarrierEta, IReadOnlyList<ScanSnapshot> NewScans);

/// <summary>
/// The promise of a shipment is at risk for <paramref name="Cause"/>, seen for the first time: the delay watch opened a
/// watch-list entry and the customer is to be told. <paramref name="ExpectedDelivery"/> is the day expected now;
/// <paramref name="DetectedAt"/> tells whether the warning came before <paramref name="PromisedDeliveryDate"/> passed.
/// </summary>
[Event("DeliveryDelayed", 1)]
public sealed record DeliveryDelayed(Guid ShipmentId, string Reference, Guid OrderId, string OrderNumber, Guid CompanyId, string? Carrier, string Cause,
    DateOnly PromisedDeliveryDate, DateOnly ExpectedDelivery, DateTimeOffset DetectedAt);

/// <summary>The day a tracked shipment is expected changed (the carrier's estimate or the lane's moved); raised once per change, not per scan.</summary>
[Event("EtaChanged", 1)]
public sealed record EtaChanged(Guid ShipmentId, string Reference, Guid OrderId, string OrderNumber, Guid CompanyId, string? Carrier, DateOnly PreviousExpectedDelivery,
    DateOnly ExpectedDelivery, DateOnly PromisedDeliveryDate);
