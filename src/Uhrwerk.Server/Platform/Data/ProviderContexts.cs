using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Platform.Data;

// One subclass per provider only so that each provider keeps its own migration set in this
// assembly (see docs/adr/0001-one-host-two-migration-sets.md).
public sealed class SqliteUhrwerkDbContext(DbContextOptions<SqliteUhrwerkDbContext> options) : UhrwerkDbContext(options);

public sealed class PostgresUhrwerkDbContext(DbContextOptions<PostgresUhrwerkDbContext> options) : UhrwerkDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ConfigureCatalogSearchOnPostgres(builder);
        ConfigurePromisedLinesOnPostgres(builder);
        ConfigureShipmentsCarryingOnPostgres(builder);
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteUhrwerkDbContext>
{
    public SqliteUhrwerkDbContext CreateDbContext(string[] args)
    {
        var db = new SqliteUhrwerkDbContext(new DbContextOptionsBuilder<SqliteUhrwerkDbContext>().UseSqlite("Data Source=design.db").Options);
        db.BindTo(TenantScope.System, TimeProvider.System);
        return db;
    }
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresUhrwerkDbContext>
{
    public PostgresUhrwerkDbContext CreateDbContext(string[] args)
    {
        var db = new PostgresUhrwerkDbContext(new DbContextOptionsBuilder<PostgresUhrwerkDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
        db.BindTo(TenantScope.System, TimeProvider.System);
        return db;
    }
}
