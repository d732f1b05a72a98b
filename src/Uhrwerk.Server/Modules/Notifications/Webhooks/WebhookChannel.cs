using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Notifications.Channels;
using Uhrwerk.Server.Modules.Notifications.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Notifications.Webhooks;

/// <summary>Events machine clients may subscribe to; later capabilities add theirs. The order events carry the whole order, so an ERP can book it from the webhook alone.</summary>
public static class WebhookEvents
{
    public static readonly IReadOnlyList<string> All =
    [
        nameof(Accounts.Events.CompanyChanged), nameof(Accounts.Events.ContactChanged),
        .. new[]
            {
                typeof(Ordering.Events.OrderPlaced), typeof(Ordering.Events.OrderApproved), typeof(Ordering.Events.OrderChanged), typeof(Ordering.Events.OrderCancelled), typeof(Ordering.Events.OrderRestCancelled),
                typeof(Fulfillment.Events.ShipmentPlanned), typeof(Fulfillment.Events.ShipmentShipped), typeof(Fulfillment.Events.ShipmentDelivered), typeof(Fulfillment.Events.ShipmentCancelled),
            }
            .Select(e => EventCatalog.Of(e).Name),
    ];
}

/// <summary>Every subscribed event becomes one delivery per subscription, its body the Standard Webhooks envelope.</summary>
internal sealed class WebhookNotifications(UhrwerkDbContext db, TimeProvider clock) : IRawEventHandler
{
    public const string Handler = "webhooks";

    public async Task HandleAsync(OutboxMessage message, CancellationToken ct)
    {
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.IsActive).ToListAsync(ct);
        var body = JsonSerializer.Serialize(new { type = message.Type, version = message.Version, timestamp = message.OccurredAt, data = JsonDocument.Parse(message.Payload).RootElement }, JsonSerializerOptions.Web);
        db.Deliveries.AddRange(subscriptions.Where(s => s.Wants(message.Type))
            .Select(s => Delivery.Render(message.Id, message.CompanyId, message.Type, Channel.Webhook, s.Id.ToString(), "en", new RenderedMessage(message.Type, body, null), clock.GetUtcNow())));
    }
}

/// <summary>POSTs signed webhooks; never follows redirects; 2xx is delivered, 410 switches the subscription off, anything else is retried.</summary>
internal sealed class WebhookChannel(UhrwerkDbContext db, IHttpClientFactory clients, TimeProvider clock) : IChannelSender
{
    public const string ClientName = "webhooks";

    public Channel Channel => Channel.Webhook;

    public async Task SendAsync(IReadOnlyList<Delivery> batch, Func<SendResult, Task> outcome, CancellationToken ct)
    {
        var ids = batch.Select(d => Guid.Parse(d.Recipient)).ToList();
        var subscriptions = await db.WebhookSubscriptions.Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var http = clients.CreateClient(ClientName);
        foreach (var delivery in batch)
        {
            if (!subscriptions.TryGetValue(Guid.Parse(delivery.Recipient), out var subscription) || !subscription.IsActive)
            {
                await outcome(new SendResult(delivery.Id, false, null, "The subscription is switched off.", Permanent: true));
                continue;
            }

            await outcome(await PostAsync(http, subscription, delivery, ct));
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<SendResult> PostAsync(HttpClient http, WebhookSubscription subscription, Delivery delivery, CancellationToken ct)
    {
        var messageId = "msg_" + delivery.Id.ToString("N");
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, subscription.Url) { Content = new StringContent(delivery.TextBody, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", messageId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", StandardWebhooks.Sign(subscription.Secret, messageId, timestamp, delivery.TextBody));
        try
        {
            using var response = await http.SendAsync(request, ct);
            if (response.IsSuccessStatusCode)
            {
                return new SendResult(delivery.Id, true, messageId, null);
            }

            if (response.StatusCode == System.Net.HttpStatusCode.Gone)
            {
                subscription.Disable("The receiver answered 410 Gone.");
                return new SendResult(delivery.Id, false, null, "410 Gone: the subscription was switched off.", Permanent: true);
            }

            return new SendResult(delivery.Id, false, null, $"The receiver answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or SocketException)
        {
            return new SendResult(delivery.Id, false, null, e.Message);
        }
    }

    /// <summary>Connects only to addresses the policy allows, after DNS resolution, so a name cannot be re-pointed at our own network.</summary>
    public static SocketsHttpHandler Handler(OutboundAddressPolicy policy) => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, ct) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = await System.Net.Dns.GetHostAddressesAsync(host, ct);
            var usable = policy.IsAllowedHost(host) ? addresses : addresses.Where(a => !OutboundAddressPolicy.IsInternal(a)).ToArray();
            if (usable.Length == 0)
            {
                throw new HttpRequestException($"Refused to connect to '{host}': it resolves to a private or local address.");
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(usable, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
