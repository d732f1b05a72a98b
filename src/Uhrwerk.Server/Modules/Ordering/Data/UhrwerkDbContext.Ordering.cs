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
    /// On PostgreSQL the promised-date index of the lines also holds what on-time-in-full counts of each line, so that the report
    /// over a period of a million orders' lines reads the index alone (an index-only scan) instead of the lines' table.
    /// </summary>
    private protected static void ConfigurePromisedLinesOnPostgres(ModelBuilder builder) =>
        builder.Entity<OrderLine>().HasIndex(x => x.PromisedDate)
            .IncludeProperties("OrderId", nameof(OrderLine.Quantity), nameof(OrderLine.DeliveredQuantity), nameof(OrderLine.LastDeliveredOn));
}
