using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Catalog.Domain;

namespace Uhrwerk.Server.Platform.Data;

public partial class UhrwerkDbContext
{
    public DbSet<Product> Products => Set<Product>();
    public DbSet<Datasheet> Datasheets => Set<Datasheet>();
    public DbSet<CustomerPrice> CustomerPrices => Set<CustomerPrice>();

    /// <summary>
    /// Catalog search on PostgreSQL: a trigram index answers LIKE '%term%' on the folded search text
    /// (the SKU at its start, so SKU prefixes too) without reading every product. SQLite scans, which
    /// the demo catalogue affords.
    /// </summary>
    private protected static void ConfigureCatalogSearchOnPostgres(ModelBuilder builder)
    {
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<Product>().HasIndex(x => x.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
