using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Uhrwerk.Tests;

/// <summary>
/// A real SMTP server process (Debian's python3-aiosmtpd) that stores every message it accepts in
/// a maildir, so tests read exactly what arrived. It can be stopped and started again on its port.
/// With an accept delay it stores each message and answers "250 OK" only after that
/// pause, so that a sender can be caught with a message in flight.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private const string SlowMailbox = """
        import asyncio
        from aiosmtpd.handlers import Mailbox

        class SlowMailbox(Mailbox):
            def __init__(self, mail_dir, delay):
                super().__init__(mail_dir)
                self.delay = float(delay)

            async def handle_DATA(self, server, session, envelope):
                await asyncio.sleep(self.delay)
                return await super().handle_DATA(server, session, envelope)

            @classmethod
            def from_cli(cls, parser, *args):
                return cls(args[0], args[1])
        """;

    private readonly string _maildir = Directory.CreateTempSubdirectory("uhrwerk-smtp-").FullName;
    private readonly TimeSpan _acceptDelay;
    private Process? _process;

    public SmtpServer()
        : this(TimeSpan.Zero)
    {
    }

    public SmtpServer(TimeSpan acceptDelay)
    {
        _acceptDelay = acceptDelay;
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        foreach (var folder in new[] { "cur", "new", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(_maildir, folder));
        }
    }

    public int Port { get; }

    public bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var python = "/usr/bin/python3";
        string[] handler = ["aiosmtpd.handlers.Mailbox", _maildir];
        if (_acceptDelay > TimeSpan.Zero)
        {
            await File.WriteAllTextAsync(Path.Combine(_maildir, "slow_mailbox.py"), SlowMailbox);
            handler = ["slow_mailbox.SlowMailbox", _maildir, _acceptDelay.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        var start = new ProcessStartInfo(python, ["-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", .. handler])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PYTHONPATH"] = _maildir;
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start; ./test.sh installs python3-aiosmtpd.");
        var until = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException("aiosmtpd exited: " + await _process.StandardError.ReadToEndAsync());
                }

                await Task.Delay(100);
            }
        }

        throw new TimeoutException("aiosmtpd did not listen within 15 seconds.");
    }

    public void Stop()
    {
        if (IsRunning)
        {
            _process!.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public int Count => Directory.GetFiles(Path.Combine(_maildir, "new")).Length;

    public IReadOnlyList<MimeMessage> All() => Directory.GetFiles(Path.Combine(_maildir, "new")).Select(f => MimeMessage.Load(f)).ToList();

    public IReadOnlyList<MimeMessage> MessagesTo(string address) =>
        Directory.GetFiles(Path.Combine(_maildir, "new"))
            .Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .ToList();

    /// <summary>
    /// Waits until the address has at least the given number of messages and fails loudly when they do not
    /// arrive in time. It cannot tell that no duplicate follows: wait for the server's state to settle for that.
    /// </summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int count = 1, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (MessagesTo(address).Count < count)
        {
            if (DateTime.UtcNow >= until)
            {
                var arrived = MessagesTo(address);
                throw new TimeoutException($"{arrived.Count} of {count} messages to {address} arrived within {seconds} s: {string.Join(" | ", arrived.Select(m => m.Subject))}");
            }

            await Task.Delay(100);
        }

        return MessagesTo(address);
    }

    public void Dispose()
    {
        Stop();
        _process?.Dispose();
        Directory.Delete(_maildir, recursive: true);
    }
}
