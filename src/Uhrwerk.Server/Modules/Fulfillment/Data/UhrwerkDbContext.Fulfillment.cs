using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Fulfillment.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<Shipment> Shipments => Set<Shipment>();

    /// <summary>
    /// On PostgreSQL the on-time-in-full report narrowed to a warehouse or carrier asks, per line of the period, which shipments carry
    /// it and where from: both answers come from indexes alone, where a scan of every shipment of the warehouse took seconds at a million lines.
    /// </summary>
    private protected static void ConfigureShipmentsCarryingOnPostgres(ModelBuilder builder)
    {
        builder.Entity<ShipmentLine>().HasIndex(x => x.OrderLineId).IncludeProperties(x => x.ShipmentId);
        builder.Entity<Shipment>().HasIndex(x => x.Id).HasDatabaseName("IX_fulfillment_shipments_Id_Carrying")
            .IncludeProperties(x => new { x.WarehouseCode, x.Carrier, x.Status });
    }
}
