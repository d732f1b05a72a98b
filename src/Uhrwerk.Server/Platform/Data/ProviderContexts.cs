using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Platform.Data;

// One subclass per provider only so that each provider keeps its own migration set in this
// assembly (see docs/adr/0001-one-host-two-migration-sets.md).
public sealed class SqliteUhrwerkDbContext(DbContextOptions<SqliteUhrwerkDbContext> options, ITenantScope tenant, TimeProvider clock)
    : UhrwerkDbContext(options, tenant, clock);

public sealed class PostgresUhrwerkDbContext(DbContextOptions<PostgresUhrwerkDbContext> options, ITenantScope tenant, TimeProvider clock)
    : UhrwerkDbContext(options, tenant, clock)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ConfigureCatalogSearchOnPostgres(builder);
    }
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteUhrwerkDbContext>
{
    public SqliteUhrwerkDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<SqliteUhrwerkDbContext>().UseSqlite("Data Source=design.db").Options,
        TenantScope.System, TimeProvider.System);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresUhrwerkDbContext>
{
    public PostgresUhrwerkDbContext CreateDbContext(string[] args) => new(
        new DbContextOptionsBuilder<PostgresUhrwerkDbContext>().UseNpgsql("Host=localhost;Database=design").Options,
        TenantScope.System, TimeProvider.System);
}
