using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Catalog.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Datasheet> Datasheets => Set<Datasheet>();
    public DbSet<CustomerPrice> CustomerPrices => Set<CustomerPrice>();
}
