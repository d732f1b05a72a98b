using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Uhrwerk.Server.Platform;

namespace Uhrwerk.Server.Modules.Fulfillment;

/// <summary>
/// The one place that builds an order's tracking link (delivery notes, shipping notifications): the public order
/// tracking page, readable without signing in by whoever holds the link.
/// </summary>
public sealed class OrderTrackingLink(PortalLinks links, OrderTrackingToken tokens)
{
    public string For(Guid orderId) => links.To($"/track/order/{tokens.Issue(orderId)}");
}

/// <summary>
/// An order's tracking token is derived, not stored: the order id sealed with the installation's data-protection keys
/// (authenticated encryption, keys shared by all instances through the database and rotated by the framework). So a
/// delivery note can carry the link before anything shipped, a notification needs no row written first, and nobody can
/// forge or enumerate one without the key.
/// </summary>
public sealed class OrderTrackingToken(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("Uhrwerk.Tracking.OrderLink.v1");

    public string Issue(Guid orderId) => Base64Url.EncodeToString(protector.Protect(orderId.ToByteArray()));

    /// <summary>The order the token was issued for; null for anything else, without telling why.</summary>
    public Guid? Read(string? token)
    {
        if (token is not { Length: > 0 and <= 400 } || !Base64Url.IsValid(token))
        {
            return null;
        }

        try
        {
            return protector.Unprotect(Base64Url.DecodeFromChars(token)) is { Length: 16 } bytes ? new Guid(bytes) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
