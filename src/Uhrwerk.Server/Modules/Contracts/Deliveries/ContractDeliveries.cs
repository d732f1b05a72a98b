using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Contracts.ViewContracts;
using Uhrwerk.Server.Modules.Ordering.Events;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Contracts.Deliveries;

/// <summary>
/// Counts what went out for call-off orders as delivered on their contract lines. Today the ERP's shipment
/// report is the only word of it; once Fulfillment reports deliveries, this handler subscribes to that fact instead.
/// </summary>
internal sealed class ContractDeliveries(UhrwerkDbContext db) : IEventHandler<OrderShipped>
{
    public const string Handler = "contracts-deliveries";

    public async Task HandleAsync(OrderShipped shipped, EventContext context, CancellationToken ct)
    {
        var contractIds = await db.ContractCallOffs.AsNoTracking().Where(c => c.OrderId == shipped.Order.OrderId).Select(c => c.ContractId).Distinct().ToListAsync(ct);
        foreach (var contractId in contractIds)
        {
            var contract = await ContractQueries.Full(db.CallOffContracts).SingleAsync(c => c.Id == contractId, ct);
            foreach (var line in shipped.Lines)
            {
                contract.RecordDelivered(line.Sku, line.Quantity);
            }
        }

        await db.SaveChangesAsync(ct);
    }
}
