using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Uhrwerk.Server.Platform;

public sealed class PortalOptions
{
    /// <summary>The address people use to reach the portal, for links in e-mails. Falls back to the request's host, and in background work to the address the server listens on.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>Absolute links into the portal for e-mails and other messages.</summary>
public sealed class PortalLinks(IHttpContextAccessor http, IOptions<PortalOptions> options, IServer server)
{
    public string To(string path) => BaseUrl() + path;

    private string BaseUrl()
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        if (http.HttpContext?.Request is { } request)
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        return (server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "http://localhost").TrimEnd('/');
    }
}
