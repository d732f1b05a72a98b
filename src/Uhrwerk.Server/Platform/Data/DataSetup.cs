using Microsoft.EntityFrameworkCore;
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
            services.AddDbContextPool<PostgresUhrwerkDbContext>(o => o.UseNpgsql(options.ConnectionString).AddInterceptors(DatabaseRoundTrips.Interceptors));
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
}
