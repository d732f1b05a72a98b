using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Uhrwerk.Server.Modules.Ordering.Domain;

namespace Uhrwerk.Server.Modules.Ordering.Data;

internal sealed class OrderingConfigurations :
    IEntityTypeConfiguration<Order>, IEntityTypeConfiguration<OrderLine>, IEntityTypeConfiguration<OrderEvent>, IEntityTypeConfiguration<OrderMessage>,
    IEntityTypeConfiguration<CartLine>, IEntityTypeConfiguration<BudgetLedger>, IEntityTypeConfiguration<OrderNumberCounter>,
    IEntityTypeConfiguration<Approver>, IEntityTypeConfiguration<Absence>, IEntityTypeConfiguration<OrderList>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web) { Converters = { new JsonStringEnumConverter() } };

    public void Configure(EntityTypeBuilder<Order> e)
    {
        e.ToTable("ordering_orders");
        e.HasIndex(x => x.Number).IsUnique();
        // The lists read newest first after a cursor (created or placed at, id): each has an index in that order,
        // so a page deep in a million orders reads as few rows as the first one.
        e.HasIndex(x => new { x.CompanyId, x.CreatedAt, x.Id });
        e.HasIndex(x => new { x.CompanyId, x.Status, x.CreatedAt, x.Id });
        e.HasIndex(x => new { x.CompanyId, x.BuyerId, x.CreatedAt, x.Id });
        e.HasIndex(x => new { x.PlacedAt, x.Id });
        e.Property(x => x.Number).HasMaxLength(20);
        e.Property(x => x.CustomerNumber).HasMaxLength(40);
        e.Property(x => x.ErpOrderNumber).HasMaxLength(40);
        e.HasIndex(x => x.ErpOrderNumber);
        e.Property(x => x.InvoiceNumber).HasMaxLength(40);
        e.Property(x => x.BuyerName).HasMaxLength(200);
        e.Property(x => x.ShipTo).HasMaxLength(500);
        e.Property(x => x.ShipToPostalCode).HasMaxLength(10);
        e.Property(x => x.ShipToCountry).HasMaxLength(2);
        e.Ignore(x => x.Destination);
        e.Property(x => x.PurchaseOrderReference).HasMaxLength(100);
        e.Property(x => x.Comment).HasMaxLength(2000);
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.TotalQuantity);
        e.HasMany(x => x.Lines).WithOne().HasForeignKey("OrderId").OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Lines).HasField("_lines");
        e.HasMany(x => x.History).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.History).HasField("_history");
        e.HasMany(x => x.Messages).WithOne().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.Cascade);
        e.Navigation(x => x.Messages).HasField("_messages");
        e.Property<List<BudgetFinding>>("_findings").HasColumnName("Findings").HasMaxLength(2000)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<BudgetFinding>>(v, Json) ?? new List<BudgetFinding>(),
                new ValueComparer<List<BudgetFinding>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        e.Ignore(x => x.Findings);
    }

    public void Configure(EntityTypeBuilder<OrderLine> e)
    {
        e.ToTable("ordering_order_lines");
        // The domain creates the ids; rows added to a loaded order must be inserted, not taken for existing ones.
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Sku).HasMaxLength(40);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Unit).HasMaxLength(10);
        e.Ignore(x => x.ExpectedDate);
        // On-time-in-full reads the lines promised in a period.
        e.HasIndex(x => x.PromisedDate);
        e.Ignore(x => x.DueQuantity);
        e.Property(x => x.Deliveries).HasMaxLength(4000)
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<LineDelivery>>(v, Json) ?? new List<LineDelivery>(),
                new ValueComparer<IReadOnlyList<LineDelivery>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
    }

    public void Configure(EntityTypeBuilder<OrderEvent> e)
    {
        e.ToTable("ordering_order_history");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => new { x.OrderId, x.Sequence }).IsUnique();
        e.Property(x => x.ActorName).HasMaxLength(200);
        e.Property(x => x.Comment).HasMaxLength(4000);
    }

    public void Configure(EntityTypeBuilder<OrderMessage> e)
    {
        e.ToTable("ordering_order_messages");
        e.Property(x => x.Id).ValueGeneratedNever();
        e.HasIndex(x => new { x.OrderId, x.At });
        e.Property(x => x.AuthorName).HasMaxLength(200);
        e.Property(x => x.Text).HasMaxLength(4000);
    }

    public void Configure(EntityTypeBuilder<CartLine> e)
    {
        e.ToTable("ordering_cart_lines");
        e.HasIndex(x => new { x.UserId, x.Sku }).IsUnique();
        e.Property(x => x.Sku).HasMaxLength(40);
    }

    public void Configure(EntityTypeBuilder<BudgetLedger> e)
    {
        e.ToTable("ordering_budget_ledgers");
        e.HasKey(x => new { x.UserId, x.PeriodStart });
        e.HasIndex(x => new { x.CompanyId, x.PeriodStart });
    }

    public void Configure(EntityTypeBuilder<OrderNumberCounter> e)
    {
        e.ToTable("ordering_number_counters");
        e.HasKey(x => x.Year);
        e.Property(x => x.Year).ValueGeneratedNever();
    }

    public void Configure(EntityTypeBuilder<Approver> e)
    {
        e.ToTable("ordering_approvers");
        e.HasIndex(x => new { x.CompanyId, x.UserId }).IsUnique();
        e.Property(x => x.Name).HasMaxLength(200);
    }

    public void Configure(EntityTypeBuilder<Absence> e)
    {
        e.ToTable("ordering_absences");
        e.HasIndex(x => new { x.CompanyId, x.UserId });
    }

    public void Configure(EntityTypeBuilder<OrderList> e)
    {
        e.ToTable("ordering_order_lists");
        e.HasIndex(x => new { x.CompanyId, x.OwnerId, x.Name }).IsUnique();
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property<List<ListedLine>>("_lines").HasColumnName("Lines")
            .HasConversion(
                v => JsonSerializer.Serialize(v, Json),
                v => JsonSerializer.Deserialize<List<ListedLine>>(v, Json) ?? new List<ListedLine>(),
                new ValueComparer<List<ListedLine>>((a, b) => a!.SequenceEqual(b!), v => v.Count, v => v.ToList()));
        e.Ignore(x => x.Lines);
    }
}
