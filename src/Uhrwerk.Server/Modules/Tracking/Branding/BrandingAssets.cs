using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Modules.Tracking.Branding;

/// <summary>The branding's logo and colours as the public pages load them: cacheable, since the address changes with each version.</summary>
internal static class BrandingAssets
{
    public const string LogoPath = "/track-assets/logo";
    public const string StylePath = "/track-assets/branding.css";

    public static void MapBackoffice(RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/backoffice/tracking/branding").WithTags("Tracking").RequirePermission(Permission.ManageNotifications);
        staff.MapGet("", async (BrandingDesk desk, CancellationToken ct) => TypedResults.Ok(BrandingResponse.Of(await desk.CurrentAsync(ct))))
            .WithSummary("The branding of the public tracking pages");
        staff.MapPut("", async (BrandingRequest request, BrandingDesk desk, CancellationToken ct) => TypedResults.Ok(await desk.SaveAsync(request, ct)))
            .ProducesValidationProblem().WithSummary("Set logo, colours, contact, legal notice and related items of the public tracking pages");
    }

    public static void MapAssets(IEndpointRouteBuilder app)
    {
        var assets = app.MapGroup("/track-assets").AllowAnonymous().ExcludeFromDescription();
        assets.MapGet("/logo", Logo);
        assets.MapGet("/branding.css", Style);
    }

    private static async Task<Results<FileContentHttpResult, NotFound>> Logo(BrandingDesk desk, HttpContext http, CancellationToken ct)
    {
        var branding = await desk.CurrentAsync(ct);
        if (branding.Logo is null)
        {
            return TypedResults.NotFound();
        }

        // An SVG opened on its own is a document: it may show itself and nothing else.
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.File(branding.Logo, branding.LogoContentType);
    }

    private static async Task<ContentHttpResult> Style(BrandingDesk desk, HttpContext http, CancellationToken ct)
    {
        var b = await desk.CurrentAsync(ct);
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return TypedResults.Content(string.Create(CultureInfo.InvariantCulture, $$"""
            :root { --brand-primary: {{b.PrimaryColour}}; --brand-accent: {{b.AccentColour}}; }
            .track-header { border-bottom: 4px solid var(--brand-primary); }
            .track-header h1, .track h2 { color: var(--brand-primary); }
            .track a { color: var(--brand-accent); }
            .track .delay { border-left: 4px solid var(--brand-accent); }
            """), "text/css");
    }
}
