using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Uhrwerk.Tests;

/// <summary>
/// A PostgreSQL cluster of the test's own on a free loopback port, made as test.sh makes its cluster
/// (initdb and pg_ctl as the postgres user, so it needs root), that a test stops and starts like an outage.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _binaries;

    private PostgresCluster(string binaries)
    {
        _binaries = binaries;
        _folder = Directory.CreateTempSubdirectory("uhrwerk-pg-").FullName;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=uhrwerk;Database=uhrwerk;Timeout=5";

    private static string? Binaries => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderBy(b => b.Length).ThenBy(b => b).LastOrDefault()
        : null;

    /// <summary>Skips the test where no cluster can be made; under CI=true that is a failure.</summary>
    public static void SkipUnlessPossible()
    {
        var possible = Binaries is not null && Environment.UserName == "root";
        if (!possible)
        {
            Assert.SkipWhen(Environment.GetEnvironmentVariable("CI") != "true", "A PostgreSQL cluster of its own needs root and /usr/lib/postgresql; ./test.sh provides both.");
            Assert.Fail("Under CI=true a test needing its own PostgreSQL cluster must run: run ./test.sh as root.");
        }
    }

    public static async Task<PostgresCluster> StartNewAsync()
    {
        var cluster = new PostgresCluster(Binaries!);
        await RunAsync("chmod", "755", cluster._folder);
        await RunAsync("chown", "postgres:postgres", cluster._folder);
        await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(cluster._binaries, "initdb"), "-D", cluster.Data, "-A", "trust", "-U", "uhrwerk");
        await cluster.StartAsync();
        return cluster;
    }

    private string Data => Path.Combine(_folder, "data");

    public Task StartAsync() => RunAsync("runuser", "-u", "postgres", "--", Path.Combine(_binaries, "pg_ctl"), "-D", Data, "-l", Path.Combine(_folder, "log"), "-w",
        "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");

    /// <summary>A fast shutdown, as an operator's restart or a failover does it: sessions are ended, new connections refused.</summary>
    public Task StopAsync() => RunAsync("runuser", "-u", "postgres", "--", Path.Combine(_binaries, "pg_ctl"), "-D", Data, "-m", "fast", "-w", "stop");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(Data, "postmaster.pid")))
        {
            await RunAsync("runuser", "-u", "postgres", "--", Path.Combine(_binaries, "pg_ctl"), "-D", Data, "-m", "immediate", "-w", "stop");
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }
}
