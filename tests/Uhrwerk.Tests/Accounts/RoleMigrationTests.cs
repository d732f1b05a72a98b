using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests.Accounts;

/// <summary>Roles stored before the upgrade lose the permissions nothing checks; the others stay as they were.</summary>
public sealed class RoleMigrationTests
{
    [Fact]
    public async Task Upgrading_a_sqlite_database_strips_unchecked_permissions_from_stored_roles()
    {
        var file = Path.Combine(Path.GetTempPath(), $"uhrwerk-roles-{Guid.NewGuid():N}.db");
        try
        {
            await using var db = new SqliteUhrwerkDbContext(new DbContextOptionsBuilder<SqliteUhrwerkDbContext>().UseSqlite($"Data Source={file}").Options);
            db.BindTo(TenantScope.System, TimeProvider.System);
            await AssertUpgradeStripsAsync(db, "[0,1,2,3,11,12,8,10]");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Upgrading_a_postgres_database_strips_unchecked_permissions_from_stored_roles()
    {
        PostgresFactory.SkipUnlessAvailable();
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(PostgresFactory.ServerConnectionString) { Database = "uwmig_" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString;
        await using var db = new PostgresUhrwerkDbContext(new DbContextOptionsBuilder<PostgresUhrwerkDbContext>().UseNpgsql(connection).Options);
        db.BindTo(TenantScope.System, TimeProvider.System);
        try
        {
            await AssertUpgradeStripsAsync(db, new[] { 0, 1, 2, 3, 11, 12, 8, 10 });
        }
        finally
        {
            await db.Database.EnsureDeletedAsync();
        }
    }

    /// <param name="storedPermissions">The permissions as the provider stores them: JSON text on SQLite, an integer array on PostgreSQL.</param>
    private static async Task AssertUpgradeStripsAsync(UhrwerkDbContext db, object storedPermissions)
    {
        var migrations = db.Database.GetMigrations().ToList();
        var upgrade = migrations.FindIndex(m => m.EndsWith("_ActivationQueue", StringComparison.Ordinal));
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[upgrade - 1]);
        var roleId = Guid.NewGuid();
        await db.Database.ExecuteSqlAsync(
            $"INSERT INTO accounts_roles (\"Id\", \"CompanyId\", \"Name\", \"Predefined\", \"Permissions\") VALUES ({roleId}, {Guid.NewGuid()}, 'Buyer', 'Buyer', {storedPermissions})");

        await migrator.MigrateAsync();

        var role = await db.CompanyRoles.AsNoTracking().IgnoreQueryFilters().SingleAsync(r => r.Id == roleId);
        Assert.Equal([Permission.ViewCatalog, Permission.ViewPrices, Permission.ViewDatasheets, Permission.PlaceOrders, Permission.ViewReports], role.Permissions);
    }
}
