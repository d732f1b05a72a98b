using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Uhrwerk.Server.Platform.Data;

/// <summary>A module's demo data, seeded once into an empty database, in ascending <see cref="Order"/>.</summary>
internal interface IDemoData
{
    int Order { get; }
    Task SeedAsync(CancellationToken ct);

    /// <summary>Whether the module's data is in the database already, which makes it a database in use, not an empty one.</summary>
    Task<bool> FindsDataAsync(CancellationToken ct) => Task.FromResult(false);
}

internal static class DatabaseStartup
{
    public static async Task MigrateAndSeedAsync(IServiceProvider services, IHostEnvironment env, ILogger log, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UhrwerkDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits; SQLite serialises the writers.
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            await db.Database.CloseConnectionAsync();
        }

        await db.Database.MigrateAsync(ct);

        // The first data-protection key is written to the database when first needed; here, not inside the first event
        // handler that seals a token (a tracking link), where SQLite would make the key's write wait on the handler's own transaction.
        scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("Uhrwerk.Startup").Protect([1]);
        var config = scope.ServiceProvider.GetRequiredService<IConfiguration>();
        var seeders = scope.ServiceProvider.GetServices<IDemoData>().OrderBy(s => s.Order).ToList();
        if (!config.GetValue("Database:SeedDemoData", true) || await AnyFindsDataAsync(seeders, ct))
        {
            return;
        }

        log.LogInformation("Empty database: seeding demo data");
        foreach (var seeder in seeders)
        {
            await seeder.SeedAsync(ct);
        }
    }

    private static async Task<bool> AnyFindsDataAsync(IEnumerable<IDemoData> seeders, CancellationToken ct)
    {
        foreach (var seeder in seeders)
        {
            if (await seeder.FindsDataAsync(ct))
            {
                return true;
            }
        }

        return false;
    }
}
