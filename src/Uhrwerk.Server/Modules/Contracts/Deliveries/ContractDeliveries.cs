using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Contracts.ViewContracts;
using Uhrwerk.Server.Modules.Fulfillment.Events;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Contracts.Deliveries;

/// <summary>
/// Counts what arrived for call-off orders as delivered on their contract lines: a shipment that left is not delivered yet,
/// so only Fulfillment's delivery counts, with the quantities that shipment carried, once per shipment.
/// </summary>
internal sealed class ContractDeliveries(UhrwerkDbContext db) : IEventHandler<ShipmentDelivered>
{
    public const string Handler = "contracts-deliveries";

    public async Task HandleAsync(ShipmentDelivered delivered, EventContext context, CancellationToken ct)
    {
        var shipment = delivered.Shipment;
        if (shipment.DeliveredOn is not { } deliveredOn)
        {
            return;
        }

        var contractIds = await db.ContractCallOffs.AsNoTracking().Where(c => c.OrderId == shipment.OrderId).Select(c => c.ContractId).Distinct().ToListAsync(ct);
        foreach (var contractId in contractIds)
        {
            var contract = await ContractQueries.Full(db.CallOffContracts.Include(c => c.Deliveries.Where(d => d.ShipmentId == shipment.ShipmentId)))
                .SingleAsync(c => c.Id == contractId, ct);
            foreach (var line in shipment.Lines)
            {
                contract.RecordDelivery(shipment.ShipmentId, line.Sku, line.Quantity, deliveredOn);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
