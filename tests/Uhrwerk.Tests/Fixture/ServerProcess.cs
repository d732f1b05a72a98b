using System.Diagnostics;
using Uhrwerk.Testing;
using System.Net;
using System.Text;

namespace Uhrwerk.Tests;

/// <summary>
/// The real server as an operating-system process, started from its build output on a database that
/// already exists, so that a test can kill it (SIGKILL, nothing runs on the way out) and start it again.
/// </summary>
public sealed class ServerProcess(string connectionString, IReadOnlyDictionary<string, string> settings) : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>What the server wrote to the console, for the message of a failing assertion.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress };

    /// <summary>Starts the server on a free port and waits until it reports ready.</summary>
    public async Task StartAsync()
    {
        var serverDll = ServerBuild.Assembly();
        BaseAddress = new Uri($"http://127.0.0.1:{ServerBuild.FreePort()}/");
        var start = new ProcessStartInfo("dotnet", [serverDll])
        {
            WorkingDirectory = Path.GetDirectoryName(serverDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Portal__PublicBaseUrl"] = BaseAddress.ToString().TrimEnd('/');
        start.Environment["Database__Provider"] = "Postgres";
        start.Environment["Database__ConnectionString"] = connectionString;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = Client();
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until)
        {
            Assert.False(_process.HasExited, $"The server exited with code {(_process.HasExited ? _process.ExitCode : 0)}:\n{Output}");
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        Assert.Fail($"The server at {BaseAddress} was not ready within 90 seconds:\n{Output}");
    }

    /// <summary>SIGKILL: no shutdown hook, no flush, open transactions and SMTP sessions simply end.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
