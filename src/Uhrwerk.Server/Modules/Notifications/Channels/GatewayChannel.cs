using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Notifications.Domain;

namespace Uhrwerk.Server.Modules.Notifications.Channels;

/// <summary>An SMS or WhatsApp provider reached by a JSON POST; configured per channel under "Gateways:Sms" and "Gateways:WhatsApp".</summary>
public sealed class GatewayOptions
{
    public string? Url { get; set; }
    public string AuthHeader { get; set; } = "Authorization";
    public string? AuthValue { get; set; }
    public string Sender { get; set; } = "Uhrwerk";
}

/// <summary>
/// Sends short messages through the provider's HTTP API: <c>{"channel","to","from","text","reference"}</c>;
/// the provider's message id is read from an "id" or "messageId" field of its answer.
/// </summary>
internal sealed class GatewayChannel(Channel channel, IOptionsMonitor<GatewayOptions> options, IHttpClientFactory clients) : IChannelSender
{
    public const string ClientName = "gateways";

    public Channel Channel => channel;

    public async Task SendAsync(IReadOnlyList<Delivery> batch, Func<SendResult, Task> outcome, CancellationToken ct)
    {
        var gateway = options.Get(channel.ToString());
        if (string.IsNullOrEmpty(gateway.Url))
        {
            foreach (var delivery in batch)
            {
                await outcome(new SendResult(delivery.Id, false, null, $"No {channel} gateway is configured."));
            }

            return;
        }

        var http = clients.CreateClient(ClientName);
        foreach (var delivery in batch)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, gateway.Url)
            {
                Content = JsonContent.Create(new { channel = channel.ToString().ToLowerInvariant(), to = delivery.Recipient, from = gateway.Sender, text = delivery.TextBody, reference = delivery.Id }),
            };
            if (!string.IsNullOrEmpty(gateway.AuthValue))
            {
                request.Headers.TryAddWithoutValidation(gateway.AuthHeader, gateway.AuthValue);
            }

            try
            {
                using var response = await http.SendAsync(request, ct);
                if (!response.IsSuccessStatusCode)
                {
                    await outcome(new SendResult(delivery.Id, false, null, $"The {channel} gateway answered {(int)response.StatusCode}.", Permanent: (int)response.StatusCode is 400 or 422));
                    continue;
                }

                // Accepted is accepted: an answer we cannot read must not make us send the message twice.
                await outcome(new SendResult(delivery.Id, true, ProviderId(await response.Content.ReadAsStringAsync(ct)), null));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                await outcome(new SendResult(delivery.Id, false, null, e.Message));
            }
        }
    }

    private static string? ProviderId(string answer)
    {
        try
        {
            var json = JsonDocument.Parse(answer).RootElement;
            return json.ValueKind == JsonValueKind.Object && (json.TryGetProperty("id", out var id) || json.TryGetProperty("messageId", out id)) ? id.ToString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
