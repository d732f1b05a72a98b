using System.Diagnostics;
using Uhrwerk.Testing;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using System.Net;

namespace Uhrwerk.BrowserTests;

/// <summary>The real Uhrwerk server, started from its build output on a free loopback port with a database of its own.</summary>
public class ServerProcess : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("uhrwerk-browser-").FullName;
    private Process? _process;

    public string BaseUrl { get; private set; } = "";

    public string DatabasePath => Path.Combine(_folder, "uhrwerk.db");

    /// <summary>Where the server writes e-mails (no SMTP server configured: the pickup folder).</summary>
    public string MailFolder => Path.Combine(_folder, "mail");

    /// <summary>A real HTTP listener standing in for the SMS provider.</summary>
    public GatewayListener SmsGateway { get; } = new();

    /// <summary>Environment settings of a fixture of its own, applied after the common ones.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public virtual async ValueTask InitializeAsync()
    {
        var serverDll = ServerBuild.Assembly();
        var port = ServerBuild.FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet", [serverDll])
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = BaseUrl;
        start.Environment["Portal__PublicBaseUrl"] = BaseUrl;
        start.Environment["Database__ConnectionString"] = $"Data Source={DatabasePath}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Smtp__PickupDirectory"] = MailFolder;
        start.Environment["Gateways__Sms__Url"] = SmsGateway.Url;
        start.Environment["Notifications__Dispatcher__PollInterval"] = "00:00:00.250";
        start.Environment["Outbox__PollInterval"] = "00:00:00.250";
        start.Environment["Notifications__Dispatcher__Retry__MaxAttempts"] = "2";
        start.Environment["Notifications__Dispatcher__Retry__BaseDelay"] = "00:00:00.200";
        foreach (var (key, value) in Settings)
        {
            start.Environment[key] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}.");
            }

            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The server at {BaseUrl} was not ready within 90 seconds.");
    }

    /// <summary>Another module's event for one user, written to the outbox the way a business change would write it.</summary>
    public void Notify(string email, string situation, Dictionary<string, string> data)
    {
        using var connection = new SqliteConnection($"Data Source={DatabasePath}");
        connection.Open();
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT Id, CompanyId FROM accounts_users WHERE Email = $email";
        find.Parameters.AddWithValue("$email", email);
        using var reader = find.ExecuteReader();
        reader.Read();
        var (userId, companyId) = (reader.GetString(0), reader.GetString(1));
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO platform_outbox (Id, Type, Version, Payload, CompanyId, OccurredAt) VALUES ($id, 'UsersToNotify', 1, $payload, $company, $at)";
        insert.Parameters.AddWithValue("$id", Guid.NewGuid().ToString().ToUpperInvariant());
        insert.Parameters.AddWithValue("$payload", JsonSerializer.Serialize(new { situation, userIds = new[] { Guid.Parse(userId) }, data }, JsonSerializerOptions.Web));
        insert.Parameters.AddWithValue("$company", companyId);
        insert.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.UtcTicks);
        insert.ExecuteNonQuery();
    }

    /// <summary>
    /// Waits until every committed event has become deliveries and none to the recipient is pending any more:
    /// from then on nothing more reaches the recipient, so what arrived is final and a duplicate shows.
    /// </summary>
    public async Task SettledAsync(string recipient, int seconds = 30)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            await using var connection = new SqliteConnection($"Data Source={DatabasePath}");
            await connection.OpenAsync();
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT (SELECT COUNT(*) FROM platform_outbox WHERE ProcessedAt IS NULL) + (SELECT COUNT(*) FROM platform_outbox_handled WHERE Status = 'Pending'), (SELECT COUNT(*) FROM notifications_deliveries WHERE Recipient = $recipient AND Status = 'Pending')";
            count.Parameters.AddWithValue("$recipient", recipient);
            await using var reader = await count.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (events, pending) = (reader.GetInt64(0), reader.GetInt64(1));
            if (events == 0 && pending == 0)
            {
                return;
            }

            if (DateTime.UtcNow >= until)
            {
                throw new TimeoutException($"Notifications to {recipient} did not settle within {seconds} s: {events} events unhandled, {pending} deliveries pending.");
            }

            await Task.Delay(200);
        }
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        SmsGateway.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
