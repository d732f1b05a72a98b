using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Inventory.Domain;

namespace Uhrwerk.Server.Modules.Inventory.Data;

internal sealed class InventoryConfigurations :
    IEntityTypeConfiguration<Warehouse>, IEntityTypeConfiguration<TransitTime>, IEntityTypeConfiguration<StockLevel>, IEntityTypeConfiguration<StockMovement>,
    IEntityTypeConfiguration<Reservation>, IEntityTypeConfiguration<ExpectedReceipt>, IEntityTypeConfiguration<ReorderPoint>, IEntityTypeConfiguration<ProductSpace>
{
    public void Configure(EntityTypeBuilder<Warehouse> e)
    {
        e.ToTable("inventory_warehouses");
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Code).HasMaxLength(10);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Street).HasMaxLength(200);
        e.Property(x => x.PostalCode).HasMaxLength(10);
        e.Property(x => x.City).HasMaxLength(100);
        e.Property(x => x.Country).HasMaxLength(2);
        e.Property(x => x.TimeZoneId).HasMaxLength(60);
        e.Property(x => x.CompanyHolidays).HasField("_companyHolidays");
    }

    public void Configure(EntityTypeBuilder<TransitTime> e)
    {
        e.ToTable("inventory_transit_times");
        e.HasIndex(x => new { x.WarehouseCode, x.Country, x.PostalPrefix, x.Carrier }).IsUnique();
        e.Property(x => x.Carrier).HasMaxLength(60);
        e.Property(x => x.WarehouseCode).HasMaxLength(10);
        e.Property(x => x.Country).HasMaxLength(2);
        e.Property(x => x.PostalPrefix).HasMaxLength(10);
    }

    public void Configure(EntityTypeBuilder<StockLevel> e)
    {
        e.ToTable("inventory_stock", t =>
        {
            t.HasCheckConstraint("ck_inventory_stock_reserved", "\"Reserved\" >= 0 AND \"Reserved\" <= \"OnHand\"");
        });
        e.HasIndex(x => new { x.Sku, x.WarehouseCode }).IsUnique();
        e.Property(x => x.Sku).HasMaxLength(40);
        e.Property(x => x.WarehouseCode).HasMaxLength(10);
    }

    public void Configure(EntityTypeBuilder<StockMovement> e)
    {
        e.ToTable("inventory_movements");
        e.HasIndex(x => new { x.Sku, x.WarehouseCode, x.At });
        e.HasIndex(x => x.At);
        e.Property(x => x.Sku).HasMaxLength(40);
        e.Property(x => x.WarehouseCode).HasMaxLength(10);
        e.Property(x => x.Reason).HasMaxLength(500);
        e.Property(x => x.Reference).HasMaxLength(100);
        e.Property(x => x.By).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<Reservation> e)
    {
        e.ToTable("inventory_reservations");
        e.HasIndex(x => x.OrderId);
        e.HasIndex(x => new { x.Sku, x.Status });
        e.HasIndex(x => x.ReceiptId);
        e.Property(x => x.Sku).HasMaxLength(40);
        e.Property(x => x.WarehouseCode).HasMaxLength(10);
        e.Property(x => x.OrderNumber).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<ExpectedReceipt> e)
    {
        e.ToTable("inventory_expected_receipts", t =>
        {
            t.HasCheckConstraint("ck_inventory_receipts_promised", "\"Promised\" >= 0 AND \"Promised\" + \"Received\" <= \"Quantity\"");
        });
        e.HasIndex(x => new { x.Sku, x.Status });
        e.HasIndex(x => x.ExpectedOn);
        e.Property(x => x.Sku).HasMaxLength(40);
        e.Property(x => x.WarehouseCode).HasMaxLength(10);
        e.Property(x => x.FromWarehouse).HasMaxLength(10);
        e.Property(x => x.Reference).HasMaxLength(100);
    }

    public void Configure(EntityTypeBuilder<ReorderPoint> e)
    {
        e.ToTable("inventory_reorder_points");
        e.HasIndex(x => new { x.Sku, x.WarehouseCode }).IsUnique();
        e.Property(x => x.Sku).HasMaxLength(40);
        e.Property(x => x.WarehouseCode).HasMaxLength(10);
    }

    public void Configure(EntityTypeBuilder<ProductSpace> e)
    {
        e.ToTable("inventory_product_space");
        e.HasKey(x => x.Sku);
        e.Property(x => x.Sku).HasMaxLength(40);
    }
}
