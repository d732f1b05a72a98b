using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Platform.Data;

public enum DatabaseProvider { Sqlite, Postgres }

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string ConnectionString { get; set; } = "Data Source=uhrwerk.db";
}

internal static class DataSetup
{
    public static IServiceCollection AddUhrwerkData(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        if (options.Provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresUhrwerkDbContext>(o => o.UseNpgsql(WithPoolDefaults(options.ConnectionString)).AddInterceptors(DatabaseRoundTrips.Interceptors));
            services.AddScoped<UhrwerkDbContext>(sp => sp.GetRequiredService<PostgresUhrwerkDbContext>().BindTo(sp.GetRequiredService<ITenantScope>(), sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddDbContextPool<SqliteUhrwerkDbContext>(o => o.UseSqlite(options.ConnectionString, s => s.CommandTimeout(60)).AddInterceptors(DatabaseRoundTrips.Interceptors));
            services.AddScoped<UhrwerkDbContext>(sp => sp.GetRequiredService<SqliteUhrwerkDbContext>().BindTo(sp.GetRequiredService<ITenantScope>(), sp.GetRequiredService<TimeProvider>()));
        }

        services.AddHealthChecks().AddDbContextCheck<UhrwerkDbContext>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>
    /// Two settings that the profile of every request showed as PostgreSQL work (docs/performance.md), unless the
    /// connection string sets them itself. A connection handed back to the pool is not reset with DISCARD ALL,
    /// one more statement per request: the server leaves no session state behind (no SET, no temporary tables,
    /// only transaction-level advisory locks), and an open transaction is still rolled back. Statements that run
    /// again and again are prepared once per connection instead of parsed and planned on every execution.
    /// </summary>
    internal static string WithPoolDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var connection = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains(nameof(NpgsqlConnectionStringBuilder.NoResetOnClose)))
        {
            connection.NoResetOnClose = true;
        }

        if (!given.Contains(nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare)))
        {
            connection.MaxAutoPrepare = 100;
        }

        return connection.ConnectionString;
    }
}
