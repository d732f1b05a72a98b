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
}
