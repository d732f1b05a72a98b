using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Tracking.Domain;

namespace Uhrwerk.Server.Modules.Tracking.Data;

internal sealed class WatchEntryConfiguration : IEntityTypeConfiguration<WatchEntry>
{
    public void Configure(EntityTypeBuilder<WatchEntry> e)
    {
        e.ToTable("tracking_watch_entries");
        e.Property(x => x.Id).ValueGeneratedNever();
        // One entry per shipment and cause: opening it tells the customer, so a second instance opening it too must fail.
        e.HasIndex(x => new { x.ShipmentId, x.Cause }).IsUnique();
        e.HasIndex(x => new { x.ResolvedAt, x.OpenedAt });
        e.Property(x => x.Cause).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Reference).HasMaxLength(60);
        e.Property(x => x.OrderNumber).HasMaxLength(20);
        e.Property(x => x.WarehouseCode).HasMaxLength(10);
        e.Property(x => x.Carrier).HasMaxLength(60);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.IsOpen);
    }
}
