using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Uhrwerk.Tests;

/// <summary>A real HTTP listener on loopback that records every webhook it receives and answers with a chosen status.</summary>
public sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();

    public WebhookReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ListenAsync);
    }

    public sealed record Received(string Path, IReadOnlyDictionary<string, string> Headers, string Body);

    public int Port { get; }

    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream);
            var body = await reader.ReadToEndAsync();
            Requests.Enqueue(new Received(context.Request.Url!.AbsolutePath,
                context.Request.Headers.AllKeys.OfType<string>().ToDictionary(k => k.ToLowerInvariant(), k => context.Request.Headers[k] ?? ""), body));
            context.Response.StatusCode = (int)Answer;
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }
}
