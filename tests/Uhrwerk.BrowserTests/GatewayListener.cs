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

    public sealed record Received(string Body, HttpStatusCode Answer)
    {
        public bool Accepted => (int)Answer < 300;
    }

    /// <summary>Every request the server made, refused ones too, with what the provider answered.</summary>
    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The messages the provider accepted.</summary>
    public IReadOnlyList<string> Accepted => Requests.Where(r => r.Accepted).Select(r => r.Body).ToList();

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
                Requests.Enqueue(new Received(body, answer));
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
