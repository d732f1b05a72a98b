using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Tracking.Domain;

/// <summary>What a watch-list entry is about: the shipment as staff and the customer know it.</summary>
public sealed record WatchedShipment(Guid ShipmentId, Guid CompanyId, Guid OrderId, string OrderNumber, string Reference, string WarehouseCode, string? Carrier,
    DateOnly PromisedDeliveryDate);

/// <summary>
/// A promise at risk, for staff to act on: one entry per shipment and cause, opened when the cause is detected and
/// resolved when it is gone or the shipment arrived. Opening it is what tells the customer, so they hear of each cause
/// once; a cause that comes back reopens the entry without telling them again.
/// </summary>
public sealed class WatchEntry : ICompanyOwned
{
    private WatchEntry() { }

    public Guid Id { get; private set; }
    public Guid? CompanyId { get; private set; }
    public DelayCause Cause { get; private set; }
    public Guid ShipmentId { get; private set; }
    public string Reference { get; private set; } = "";
    public Guid OrderId { get; private set; }
    public string OrderNumber { get; private set; } = "";
    public string WarehouseCode { get; private set; } = "";

    /// <summary>Normalised like the parcels' carriers, so the list filters by carrier whatever the spelling.</summary>
    public string Carrier { get; private set; } = "";

    public DateOnly PromisedDeliveryDate { get; private set; }

    /// <summary>The day expected when the risk was seen last.</summary>
    public DateOnly? ExpectedDelivery { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public int Version { get; private set; }

    public bool IsOpen => ResolvedAt is null;

    public static WatchEntry Open(WatchedShipment shipment, DelayCause cause, DateOnly? expected, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CompanyId = shipment.CompanyId,
        Cause = cause,
        ShipmentId = shipment.ShipmentId,
        Reference = shipment.Reference,
        OrderId = shipment.OrderId,
        OrderNumber = shipment.OrderNumber,
        WarehouseCode = shipment.WarehouseCode,
        Carrier = CarrierName.Normalise(shipment.Carrier),
        PromisedDeliveryDate = shipment.PromisedDeliveryDate,
        ExpectedDelivery = expected,
        OpenedAt = now,
    };

    /// <summary>The cause is seen (again). Answers whether the entry was resolved before and opens again.</summary>
    public bool StillAtRisk(DateOnly? expected)
    {
        var reopened = ResolvedAt is not null;
        if (reopened || expected != ExpectedDelivery)
        {
            ResolvedAt = null;
            ExpectedDelivery = expected;
            Version++;
        }

        return reopened;
    }

    /// <summary>The cause is gone or the goods arrived.</summary>
    public bool Resolve(DateTimeOffset now)
    {
        if (ResolvedAt is not null)
        {
            return false;
        }

        ResolvedAt = now;
        Version++;
        return true;
    }
}
