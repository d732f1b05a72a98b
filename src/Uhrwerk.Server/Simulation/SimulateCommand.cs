using System.Globalization;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Simulation;

/// <summary>What a promise simulation plays through; rates are shares of shipments (or receipts) between 0 and 1.</summary>
public sealed record SimulationOptions(
    int Days = 90,
    int Seed = 7,
    int OrdersPerDay = 6,
    double DelayRate = 0.12,
    double FailedAttemptRate = 0.05,
    double LossRate = 0.01,
    double LateReceiptRate = 0.3,
    string? Database = null);

/// <summary>A clock the simulation moves on; every reading advances it a millisecond, so what happens in one step still has an order.</summary>
internal sealed class SimulationClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock gate = new();
    private DateTimeOffset now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (gate)
        {
            now = now.AddMilliseconds(1);
            return now;
        }
    }

    /// <summary>Moves on to <paramref name="at"/>; never back.</summary>
    public void MoveTo(DateTimeOffset at)
    {
        lock (gate)
        {
            now = at > now ? at.ToUniversalTime() : now;
        }
    }
}

/// <summary>
/// <c>dotnet run --project src/Uhrwerk.Server -- simulate --days 90 --seed 7</c>: the promise simulation on a throw-away SQLite
/// database (or the PostgreSQL of <c>--database</c>) with a simulated clock; see <see cref="PromiseSimulation"/>.
/// </summary>
internal static class SimulateCommand
{
    public static readonly DateTimeOffset Start = new(2026, 2, 2, 5, 0, 0, TimeSpan.Zero);

    /// <summary>Points the host at the simulation's database and quiets its logging; call before the services are added.</summary>
    public static (SimulationOptions Options, SimulationClock Clock) Prepare(ConfigurationManager config, string[] args)
    {
        var options = Parse(args);
        var database = options.Database is { Length: > 0 } postgres
            ? new Dictionary<string, string?> { ["Database:Provider"] = "Postgres", ["Database:ConnectionString"] = postgres }
            : new Dictionary<string, string?>
            {
                ["Database:Provider"] = "Sqlite",
                ["Database:ConnectionString"] = $"Data Source={Path.Combine(ScratchDirectory(), $"uhrwerk-simulation-{Environment.ProcessId}-{options.Seed}.db")}",
            };
        database["Database:SeedDemoData"] = "true";
        // Notifications build links to the portal; nobody follows them here.
        database["Portal:PublicBaseUrl"] = "https://uhrwerk.example";
        database["Logging:LogLevel:Default"] = "Error";
        database["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None";
        // A throw-away database gets a fresh data-protection key each run; its warning would make two runs' output differ.
        database["Logging:LogLevel:Microsoft.AspNetCore"] = "Error";
        config.AddInMemoryCollection(database);
        return (options, new SimulationClock(Start));
    }

    public static async Task<int> RunAsync(IServiceProvider services, IHostEnvironment env, ILogger log, SimulationOptions options, SimulationClock clock)
    {
        await DatabaseStartup.MigrateAndSeedAsync(services, env, log);
        var result = await new PromiseSimulation(services, clock, options).RunAsync(CancellationToken.None);
        Console.Out.Write(result.Report());
        if (options.Database is null && services.GetRequiredService<IConfiguration>()["Database:ConnectionString"] is { } connection)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var file = connection["Data Source=".Length..];
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(file + suffix);
            }
        }

        return 0;
    }

    /// <summary>A memory-backed directory where there is one: the database is thrown away, and waiting for the disk on every commit would take most of the run.</summary>
    private static string ScratchDirectory() => Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath();

    private static SimulationOptions Parse(string[] args)
    {
        var options = new SimulationOptions();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            options = args[i] switch
            {
                "--days" => options with { Days = int.Parse(value, CultureInfo.InvariantCulture) },
                "--seed" => options with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
                "--orders-per-day" => options with { OrdersPerDay = int.Parse(value, CultureInfo.InvariantCulture) },
                "--delay-rate" => options with { DelayRate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--failed-attempt-rate" => options with { FailedAttemptRate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--loss-rate" => options with { LossRate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--late-receipt-rate" => options with { LateReceiptRate = double.Parse(value, CultureInfo.InvariantCulture) },
                "--database" => options with { Database = value },
                _ => throw new ArgumentException($"Unknown option {args[i]}; known: --days --seed --orders-per-day --delay-rate --failed-attempt-rate --loss-rate --late-receipt-rate --database"),
            };
        }

        return options;
    }
}
