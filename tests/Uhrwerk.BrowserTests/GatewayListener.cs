using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Uhrwerk.BrowserTests;

/// <summary>An HTTP listener on loopback that records what the server posts to it (the SMS provider's API).</summary>
public sealed class GatewayListener : IDisposable
{
    private readonly HttpListener _listener = new();

    public GatewayListener()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/sms";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(ListenAsync);
    }

    public string Url { get; }

    /// <summary>What the provider answers; anything but 2xx makes the server retry.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.Accepted;

    /// <summary>The messages the provider accepted.</summary>
    public ConcurrentQueue<string> Bodies { get; } = new();

    private async Task ListenAsync()
    {
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                var answer = Answer;
                if ((int)answer < 300)
                {
                    Bodies.Enqueue(body);
                }

                context.Response.StatusCode = (int)answer;
                context.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
        }
    }

    public void Dispose() => _listener.Close();
}
