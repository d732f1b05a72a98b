using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Inventory.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<Warehouse> Warehouses => Set<Warehouse>();
    public DbSet<TransitTime> TransitTimes => Set<TransitTime>();
    public DbSet<StockLevel> StockLevels => Set<StockLevel>();
    public DbSet<StockMovement> StockMovements => Set<StockMovement>();
    public DbSet<Reservation> Reservations => Set<Reservation>();
    public DbSet<ExpectedReceipt> ExpectedReceipts => Set<ExpectedReceipt>();
    public DbSet<ReorderPoint> ReorderPoints => Set<ReorderPoint>();
    public DbSet<ProductSpace> ProductSpaces => Set<ProductSpace>();
}
