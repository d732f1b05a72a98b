using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Catalog.BrowseCatalog;

internal static class CatalogEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var catalog = api.MapGroup("/catalog/products").WithTags("Catalog");
        catalog.MapGet("/", (CatalogQueries queries, string? search, int? page, int? pageSize, CancellationToken ct) => queries.SearchAsync(search, page, pageSize, ct))
            .RequirePermission(Permission.ViewCatalog)
            .WithSummary("Search the catalog by SKU or name; prices only for callers who may see them");
        catalog.MapGet("/{sku}", async (string sku, CatalogQueries queries, CancellationToken ct) =>
                await queries.FindAsync(sku, ct) is { } product ? Results.Ok(product) : Problem.NotFound("NotFound.Product"))
            .RequirePermission(Permission.ViewCatalog)
            .Produces<ProductDetails>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One product with its datasheets");
        catalog.MapGet("/{sku}/datasheets/{datasheetId:guid}", async (string sku, Guid datasheetId, CatalogQueries queries, CancellationToken ct) =>
                await queries.DatasheetAsync(sku, datasheetId, ct) is { } sheet
                    ? Results.File(sheet.Content, sheet.ContentType, sheet.FileName)
                    : Problem.NotFound("NotFound.Datasheet"))
            .RequirePermission(Permission.ViewDatasheets)
            .WithSummary("Download a datasheet")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound);
    }
}
