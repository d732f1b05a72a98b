using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Fulfillment.Events;

// What Fulfillment tells the rest of the system (notifications, ERP webhooks, OTIF, tracking), after the change
// committed. Facts only; docs/events.md describes each one.

/// <summary>The shipment as it stands after the event; the aggregate is the order, so an order's shipments reach each handler in order.</summary>
public sealed record ShipmentSnapshot(
    Guid ShipmentId,
    string Reference,
    Guid OrderId,
    string OrderNumber,
    Guid CompanyId,
    Guid BuyerId,
    string WarehouseCode,
    string Status,
    DateOnly PlannedShipDate,
    DateOnly PromisedDeliveryDate,
    string? Carrier,
    string? Service,
    DateTimeOffset? ShippedAt,
    DateTimeOffset? DeliveredAt,
    DateOnly? DeliveredOn,
    IReadOnlyList<ShipmentLineSnapshot> Lines,
    IReadOnlyList<PackageSnapshot> Packages);

public sealed record ShipmentLineSnapshot(int Position, string Sku, string Name, string Unit, int Quantity);

public sealed record PackageSnapshot(int Number, decimal WeightKg, int LengthCm, int WidthCm, int HeightCm, string? TrackingNumber);

/// <summary>What of a line no open shipment carries yet, and the date promised for it.</summary>
public sealed record BackorderSnapshot(int Position, string Sku, string Name, int Quantity, DateOnly? PromisedDate);

/// <summary>A shipment was planned for (part of) an order.</summary>
[Event("ShipmentPlanned", 1)]
public sealed record ShipmentPlanned(ShipmentSnapshot Shipment);

/// <summary>
/// A shipment left the warehouse. <paramref name="OrderComplete"/> when the order has now shipped in full;
/// otherwise <paramref name="Backorders"/> is what stays open, with its promised dates.
/// </summary>
[Event("ShipmentShipped", 1)]
public sealed record ShipmentShipped(ShipmentSnapshot Shipment, bool OrderComplete, IReadOnlyList<BackorderSnapshot> Backorders);

/// <summary>The customer received a shipment; <paramref name="OrderDelivered"/> when every line of the order is now delivered in full.</summary>
[Event("ShipmentDelivered", 1)]
public sealed record ShipmentDelivered(ShipmentSnapshot Shipment, bool OrderDelivered);

/// <summary>A planned shipment was cancelled; its quantities are backorders again.</summary>
[Event("ShipmentCancelled", 1)]
public sealed record ShipmentCancelled(ShipmentSnapshot Shipment);
