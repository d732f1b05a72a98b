using Microsoft.AspNetCore.Diagnostics;

namespace Uhrwerk.Server.Portal;

internal static class PortalSetup
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        return services;
    }

    /// <summary>A portal address without a page, or a page whose subject does not exist, answers with its status (404) and a page a person can read; the API keeps its problem details.</summary>
    public static WebApplication UsePortalStatusPages(this WebApplication app)
    {
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((http, next) =>
        {
            if (http.Request.Path.StartsWithSegments("/api"))
            {
                // The API's answers stay problem details, written by the status code pages further out.
                http.Features.Get<IStatusCodePagesFeature>()!.Enabled = false;
            }

            return next(http);
        });
        return app;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.UseMiddleware<PortalQueryValues>();
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }
}
