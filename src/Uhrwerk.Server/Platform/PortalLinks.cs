using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Uhrwerk.Server.Platform;

public sealed class PortalOptions
{
    /// <summary>The address people use to reach the portal, for links in e-mails. Required outside Development; there it falls back to the request's host, and in background work to the address the server listens on.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>
/// Outside Development (and the tests' Testing environment) the server refuses to start without a
/// public address: links built from the request's Host header would let anybody who can send a
/// request with a forged Host make the server e-mail links to their own site.
/// </summary>
internal sealed class PortalOptionsValidation(IHostEnvironment environment) : IValidateOptions<PortalOptions>
{
    public ValidateOptionsResult Validate(string? name, PortalOptions options) =>
        options.PublicBaseUrl is { Length: > 0 } url
            ? Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"Portal:PublicBaseUrl must be an absolute http(s) address, not '{url}'.")
            : environment.IsDevelopment() || environment.IsEnvironment("Testing")
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail("Portal:PublicBaseUrl (environment variable Portal__PublicBaseUrl) must be set outside Development: e-mailed links would otherwise be built from the request's Host header.");
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
