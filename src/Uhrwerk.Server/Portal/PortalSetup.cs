namespace Uhrwerk.Server.Portal;

internal static class PortalSetup
{
    public static IServiceCollection AddPortal(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.UseMiddleware<PortalQueryValues>();
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }
}
