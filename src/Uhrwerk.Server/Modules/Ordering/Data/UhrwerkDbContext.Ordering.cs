using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Modules.Ordering.Erp;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderEvent> OrderEvents => Set<OrderEvent>();
    public DbSet<OrderMessage> OrderMessages => Set<OrderMessage>();
    public DbSet<CartLine> CartLines => Set<CartLine>();
    public DbSet<BudgetLedger> BudgetLedgers => Set<BudgetLedger>();
    public DbSet<OrderNumberCounter> OrderNumberCounters => Set<OrderNumberCounter>();
    public DbSet<Approver> Approvers => Set<Approver>();
    public DbSet<Absence> Absences => Set<Absence>();
    public DbSet<OrderList> OrderLists => Set<OrderList>();
    public DbSet<ErpFeedEntry> ErpFeed => Set<ErpFeedEntry>();

    /// <summary>
    /// On PostgreSQL the promised-date index of the lines also holds what on-time-in-full counts of each line (with the cancelled rest,
    /// which decides what is due), and an index of the orders by id what the report asks of a line's order, so that the report over a
    /// period of a million lines reads the two indexes alone (index-only scans) instead of both tables' rows.
    /// </summary>
    private protected static void ConfigurePromisedLinesOnPostgres(ModelBuilder builder)
    {
        builder.Entity<OrderLine>().HasIndex(x => x.PromisedDate)
            .IncludeProperties(nameof(OrderLine.Id), "OrderId", nameof(OrderLine.Quantity), nameof(OrderLine.CancelledQuantity), nameof(OrderLine.DeliveredQuantity),
                nameof(OrderLine.LastDeliveredOn));
        builder.Entity<Order>().HasIndex(x => x.Id).HasDatabaseName("IX_ordering_orders_Id_Otif")
            .IncludeProperties(x => new { x.CompanyId, x.Status, x.PlacedAt, x.RequestedDeliveryDate });
    }
}
