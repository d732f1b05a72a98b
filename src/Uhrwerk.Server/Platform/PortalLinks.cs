using Microsoft.Extensions.Options;

namespace Uhrwerk.Server.Platform;

public sealed class PortalOptions
{
    /// <summary>The address people use to reach the portal, for links in e-mails. Falls back to the request's host.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>Absolute links into the portal for e-mails and other messages.</summary>
public sealed class PortalLinks(IHttpContextAccessor http, IOptions<PortalOptions> options)
{
    public string To(string path) => BaseUrl() + path;

    private string BaseUrl()
    {
        if (options.Value.PublicBaseUrl is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        var request = http.HttpContext?.Request ?? throw new InvalidOperationException("Portal:PublicBaseUrl is not configured and there is no request to take the host from.");
        return $"{request.Scheme}://{request.Host}{request.PathBase}";
    }
}
