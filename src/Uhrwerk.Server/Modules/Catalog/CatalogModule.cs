namespace Uhrwerk.Server.Modules.Catalog;

internal static class CatalogModule
{
    public static IServiceCollection AddCatalog(this IServiceCollection services) => services;

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api) => api;
}
