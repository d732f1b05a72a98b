using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Tracking.Domain;
using Uhrwerk.Server.Modules.Tracking.Ingest;

namespace Uhrwerk.Server.Modules.Tracking.Data;

internal sealed class TrackingConfigurations : IEntityTypeConfiguration<TrackedShipment>, IEntityTypeConfiguration<TrackedParcel>, IEntityTypeConfiguration<TrackingScan>,
    IEntityTypeConfiguration<CarrierMessage>
{
    public void Configure(EntityTypeBuilder<TrackedShipment> e)
    {
        e.ToTable("tracking_shipments");
        e.HasIndex(x => x.ShipmentId).IsUnique();
        e.HasIndex(x => x.PublicToken).IsUnique();
        e.HasIndex(x => x.OrderId);
        e.HasIndex(x => new { x.Status, x.PromisedDeliveryDate });
        e.Property(x => x.OrderNumber).HasMaxLength(20);
        e.Property(x => x.Reference).HasMaxLength(60);
        e.Property(x => x.WarehouseCode).HasMaxLength(10);
        e.Property(x => x.Carrier).HasMaxLength(60);
        e.Property(x => x.Service).HasMaxLength(60);
        e.Property(x => x.DestinationCountry).HasMaxLength(2);
        e.Property(x => x.DestinationPostalCode).HasMaxLength(20);
        e.Property(x => x.PublicToken).HasMaxLength(64);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.SubStatus).HasMaxLength(60);
        e.Property(x => x.Delay).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.HasMany(x => x.Parcels).WithOne().HasForeignKey(x => x.TrackedShipmentId).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(x => x.Scans).WithOne().HasForeignKey(x => x.TrackedShipmentId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Parcels).HasField("_parcels");
        e.Navigation(x => x.Scans).HasField("_scans");
    }

    public void Configure(EntityTypeBuilder<TrackedParcel> e)
    {
        e.ToTable("tracking_parcels");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => new { x.Carrier, x.TrackingNumber });
        e.Property(x => x.Carrier).HasMaxLength(60);
        e.Property(x => x.TrackingNumber).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<TrackingScan> e)
    {
        e.ToTable("tracking_scans");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => new { x.TrackedShipmentId, x.EventId }).IsUnique();
        e.Property(x => x.EventId).HasMaxLength(200);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.SubStatus).HasMaxLength(60);
        e.Property(x => x.CarrierCode).HasMaxLength(60);
        e.Property(x => x.CarrierText).HasMaxLength(500);
        e.Property(x => x.Location).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<CarrierMessage> e)
    {
        e.ToTable("tracking_carrier_messages");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => new { x.Carrier, x.WebhookId }).IsUnique();
        // The worker claims due messages by status and time.
        e.HasIndex(x => new { x.Status, x.NextAttemptAt });
        e.Property(x => x.Carrier).HasMaxLength(60);
        e.Property(x => x.WebhookId).HasMaxLength(200);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
        e.Property(x => x.Error).HasMaxLength(CarrierMessage.MaxError);
    }
}
