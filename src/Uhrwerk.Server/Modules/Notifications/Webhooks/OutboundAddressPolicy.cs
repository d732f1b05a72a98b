using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Notifications.Webhooks;

public sealed class WebhookOptions
{
    /// <summary>Hosts or IP addresses that may be private or loopback all the same (e.g. an ERP inside the company network).</summary>
    public List<string> AllowedHosts { get; set; } = [];
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>
/// Keeps outbound webhooks from reaching into our own network (SSRF): no loopback, private,
/// link-local, unique-local or cloud metadata addresses unless the host is explicitly allowed.
/// Checked when a subscription is made and again for the resolved address of every connection.
/// </summary>
internal sealed class OutboundAddressPolicy(IOptions<WebhookOptions> options)
{
    public async Task<Uri> CheckAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw ValidationFailedException.For("url", T.Get("Webhooks.UrlRequired"));
        }

        if (!IsAllowedHost(uri.Host))
        {
            IPAddress[] addresses;
            try
            {
                addresses = IPAddress.TryParse(uri.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.Host, ct);
            }
            catch (SocketException)
            {
                throw ValidationFailedException.For("url", T.Format("Webhooks.HostUnresolved", uri.Host));
            }

            if (addresses.Length == 0 || addresses.Any(IsInternal))
            {
                throw ValidationFailedException.For("url", T.Format("Webhooks.HostInternal", uri.Host));
            }
        }

        return uri;
    }

    public bool IsAllowedHost(string host) => options.Value.AllowedHosts.Contains(host, StringComparer.OrdinalIgnoreCase);

    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10 || b[0] == 0 || b[0] >= 224
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127);
    }
}
