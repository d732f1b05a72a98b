using Uhrwerk.Server.Modules.Catalog.BrowseCatalog;
using Uhrwerk.Server.Modules.Catalog.DemoData;
using Uhrwerk.Server.Modules.Catalog.ImportProducts;
using Uhrwerk.Server.Platform.Csv;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Catalog;

internal static class CatalogModule
{
    public static IServiceCollection AddCatalog(this IServiceCollection services)
    {
        services.AddScoped<ICatalog, CatalogLookup>();
        services.AddScoped<CatalogQueries>();
        services.AddScoped<ICsvImporter, ProductImporter>();
        services.AddScoped<ICsvImporter, PriceImporter>();
        services.AddScoped<IDemoData, CatalogDemoData>();
        return services;
    }

    public static RouteGroupBuilder MapCatalog(this RouteGroupBuilder api)
    {
        CatalogEndpoints.Map(api.MapGroup("").WithTags("Catalog"));
        return api;
    }
}
