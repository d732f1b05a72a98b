using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace Uhrwerk.Server.Platform.Api;

/// <summary>
/// Headers every answer carries so that a browser neither runs injected script, guesses content
/// types, leaks paths to other sites nor shows our pages inside someone else's frame.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The portal runs and shows only what comes from its own origin: no inline script, no inline style.</summary>
    private static readonly string PortalPolicy = Policy(scripts: "'self'", styles: "'self'");

    // The e-mail preview is a sandboxed srcdoc frame (no script) that inherits the page's policy, and
    // e-mails must style themselves inline because mail clients drop style sheets.
    private static readonly string TemplateEditorPolicy = Policy(scripts: "'self'", styles: "'self' 'unsafe-inline'");

    // Scalar's bundled API reference boots from an inline module script and styles itself inline; it
    // shows only the public API description and talks to this origin alone.
    private static readonly string ApiReferencePolicy = Policy(scripts: "'self' 'unsafe-inline'", styles: "'self' 'unsafe-inline'");

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use((context, next) =>
        {
            // Set when the answer starts, so that problem answers written by the exception handler carry them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = PolicyFor(context.Request.Path);
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                if (IsTokenPage(context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? context.Request.Path))
                {
                    // The token is the key to the page (also when a wrong one answers with the not-found page): no referrer, search engine or shared cache may keep it.
                    headers["Referrer-Policy"] = "no-referrer";
                    headers["X-Robots-Tag"] = "noindex, nofollow";
                    headers.CacheControl = "no-store";
                }

                // Answers for a signed-in caller hold their company's data: no browser or proxy keeps a copy
                // (e.g. for the back button after signing out). Static assets set their own caching.
                if (context.User.Identity?.IsAuthenticated == true && (context.Request.Path.StartsWithSegments("/api") || !headers.ContainsKey(HeaderNames.CacheControl)))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    private static string Policy(string scripts, string styles) =>
        $"default-src 'self'; script-src {scripts}; style-src {styles}; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private static bool IsTokenPage(PathString path) =>
        path.StartsWithSegments("/track") || path.StartsWithSegments("/feedback") || path.StartsWithSegments("/api/v1/feedback/surveys");

    private static string PolicyFor(PathString path) =>
        path.StartsWithSegments("/scalar") ? ApiReferencePolicy
        : path.StartsWithSegments("/backoffice/templates") ? TemplateEditorPolicy
        : PortalPolicy;
}
