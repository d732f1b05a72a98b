using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Fulfillment.Domain;

namespace Uhrwerk.Server.Modules.Fulfillment.Data;

internal sealed class FulfillmentConfigurations : IEntityTypeConfiguration<Shipment>, IEntityTypeConfiguration<ShipmentLine>, IEntityTypeConfiguration<ShipmentPackage>
{
    public void Configure(EntityTypeBuilder<Shipment> e)
    {
        e.ToTable("fulfillment_shipments");
        e.HasIndex(x => x.Reference).IsUnique();
        e.HasIndex(x => x.OrderId);
        e.HasIndex(x => new { x.Status, x.PlannedShipDate });
        e.HasIndex(x => new { x.CompanyId, x.DeliveredOn });
        e.Property(x => x.OrderNumber).HasMaxLength(20);
        e.Property(x => x.Reference).HasMaxLength(60);
        e.Property(x => x.WarehouseCode).HasMaxLength(10);
        e.Property(x => x.Carrier).HasMaxLength(60);
        e.Property(x => x.Service).HasMaxLength(60);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.IsOpen);
        e.Ignore(x => x.IsPicked);
        e.Ignore(x => x.HasShipped);
        e.Ignore(x => x.TrackingNumbers);
        e.HasMany(x => x.Lines).WithOne().HasForeignKey(x => x.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Packages).WithOne().HasForeignKey(x => x.ShipmentId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Lines).HasField("_lines");
        e.Navigation(x => x.Packages).HasField("_packages");
    }

    public void Configure(EntityTypeBuilder<ShipmentLine> e)
    {
        e.ToTable("fulfillment_shipment_lines");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => x.OrderLineId);
        e.Property(x => x.Sku).HasMaxLength(40);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Unit).HasMaxLength(10);
    }

    public void Configure(EntityTypeBuilder<ShipmentPackage> e)
    {
        e.ToTable("fulfillment_shipment_packages");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => x.TrackingNumber);
        e.Property(x => x.WeightKg).HasPrecision(10, 3);
        e.Property(x => x.TrackingNumber).HasMaxLength(100);
    }
}
