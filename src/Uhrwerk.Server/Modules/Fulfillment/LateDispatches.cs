using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Fulfillment;

/// <summary>A shipment still in the warehouse (planned, picking or packed) whose planned ship date has passed.</summary>
public sealed record LateDispatch(Guid ShipmentId, Guid CompanyId, Guid OrderId, string OrderNumber, string Reference, string WarehouseCode, string? Carrier,
    DateOnly PlannedShipDate, DateOnly PromisedDeliveryDate, string Status);

/// <summary>What other modules may ask of Fulfillment about shipments, without reading its tables.</summary>
public interface IShipmentQueries
{
    /// <summary>Shipments not shipped by their planned ship date as of <paramref name="today"/>, earliest planned first.</summary>
    Task<IReadOnlyList<LateDispatch>> NotShippedByPlanAsync(DateOnly today, int max, CancellationToken ct);
}

internal sealed class ShipmentQueriesForOthers(UhrwerkDbContext db) : IShipmentQueries
{
    private static readonly ShipmentStatus[] InWarehouse = [ShipmentStatus.Planned, ShipmentStatus.Picking, ShipmentStatus.Packed];

    public async Task<IReadOnlyList<LateDispatch>> NotShippedByPlanAsync(DateOnly today, int max, CancellationToken ct) =>
        await db.Shipments.AsNoTracking().Where(s => InWarehouse.Contains(s.Status) && s.PlannedShipDate < today)
            .OrderBy(s => s.PlannedShipDate).ThenBy(s => s.Id).Take(max)
            .Select(s => new LateDispatch(s.Id, s.CompanyId!.Value, s.OrderId, s.OrderNumber, s.Reference, s.WarehouseCode, s.Carrier, s.PlannedShipDate, s.PromisedDeliveryDate, s.Status.ToString()))
            .ToListAsync(ct);
}
