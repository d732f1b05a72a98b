using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Tests;

/// <summary>
/// The real server in memory on a database of its own, migrated and seeded with the demo data.
/// One subclass per provider, so the same specification runs on SQLite and PostgreSQL.
/// </summary>
public abstract class UhrwerkFactory : WebApplicationFactory<Program>
{
    public const string ClientIpHeader = "X-Test-Client-Ip";

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow) { AutoAdvanceAmount = TimeSpan.FromMilliseconds(1) };

    public abstract DatabaseProvider Provider { get; }

    protected abstract string ConnectionString { get; }

    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // UseSetting, not ConfigureAppConfiguration: Program.cs reads the database settings before the host is built.
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = ConnectionString,
            ["Activation:MaxFailuresPerIp"] = "10",
            ["Activation:MaxFailuresPerCustomerNumber"] = "5",
            ["Logging:LogLevel:Default"] = "Warning",
            // Only the notification and event specs run the outbox and the dispatcher; elsewhere they would change rows while a test compares them.
            ["Notifications:Dispatcher:Enabled"] = "false",
            ["Outbox:Enabled"] = "false",
            // Specs run the delay watch's check themselves, on the fake clock, when they mean to.
            ["Tracking:DelayWatch:Enabled"] = "false",
            ["Tracking:Ingest:Enabled"] = "false",
            // Specs send due survey invitations themselves, on the fake clock.
            ["Feedback:Surveys:Enabled"] = "false",
            // Specs run the relationship survey job themselves, on the fake clock.
            ["Feedback:Relationship:Enabled"] = "false",
            // Specs run the case escalation check themselves, on the fake clock.
            ["Feedback:Cases:EscalationEnabled"] = "false",
            ["Diagnostics:RoundTripHeader"] = "true",
            ["Smtp:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "uhrwerk-test-mail"),
        }.Concat(Settings).GroupBy(s => s.Key).Select(g => g.Last());
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            // TestServer has no remote address; tests name the client's IP to exercise per-IP limits.
            services.AddSingleton<IStartupFilter, ClientIpFromHeader>();
        });
    }

    private sealed class ClientIpFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.TryParse(http.Request.Headers[ClientIpHeader], out var ip) ? ip : IPAddress.Loopback;
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

public class SqliteFactory : UhrwerkFactory
{
    private readonly string _folder;
    private readonly bool _ownsFolder;

    public SqliteFactory()
        : this(null)
    {
    }

    /// <summary>A server on the database in <paramref name="folder"/>, e.g. a restart of another one.</summary>
    protected SqliteFactory(string? folder)
    {
        _folder = folder ?? Directory.CreateTempSubdirectory("uhrwerk-test-").FullName;
        _ownsFolder = folder is null;
    }

    /// <summary>The folder with the database file, for a second server on the same database.</summary>
    public string Folder => _folder;

    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override string ConnectionString => $"Data Source={Path.Combine(_folder, "uhrwerk.db")};Default Timeout=60";

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsFolder)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}

/// <summary>
/// A fresh database on the PostgreSQL server named by UHRWERK_TEST_POSTGRES (test.sh starts one).
/// Without it the tests are skipped, except under CI=true where that is a failure.
/// </summary>
public class PostgresFactory : UhrwerkFactory
{
    private readonly string _database;
    private readonly bool _ownsDatabase;

    public PostgresFactory()
        : this(null)
    {
    }

    /// <summary>A server on an existing database, e.g. a second instance next to another one.</summary>
    protected PostgresFactory(string? database)
    {
        _database = database ?? "uwtest_" + Guid.NewGuid().ToString("N")[..12];
        _ownsDatabase = database is null;
    }

    /// <summary>The database name, for a second server instance on the same database.</summary>
    public string Database => _database;

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable("UHRWERK_TEST_POSTGRES");

    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override string ConnectionString => new Npgsql.NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _database }.ConnectionString;

    public static void SkipUnlessAvailable()
    {
        if (string.IsNullOrEmpty(ServerConnectionString))
        {
            Assert.SkipWhen(Environment.GetEnvironmentVariable("CI") != "true", "UHRWERK_TEST_POSTGRES is not set; run ./test.sh to get a PostgreSQL.");
            Assert.Fail("UHRWERK_TEST_POSTGRES is not set, and under CI=true a skipped PostgreSQL test is a failure.");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (string.IsNullOrEmpty(ServerConnectionString) || !_ownsDatabase)
        {
            return;
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        await using var connection = new Npgsql.NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
