using Uhrwerk.Server.Platform;

namespace Uhrwerk.Server.Modules.Fulfillment;

/// <summary>
/// The one place that builds an order's tracking link (delivery notes, notifications). Until the public track-and-trace
/// page exists it is the portal's order page, which asks the customer to sign in.
/// </summary>
public sealed class OrderTrackingLink(PortalLinks links)
{
    public string For(Guid orderId) => links.To($"/orders/{orderId}");
}
