using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Catalog.BrowseCatalog;

internal static class CatalogEndpoints
{
    public static void Map(RouteGroupBuilder catalog)
    {
        var products = catalog.MapGroup("/catalog/products");
        products.MapGet("/", Search)
            .RequirePermission(Permission.ViewCatalog)
            .WithSummary("Search the catalog by SKU or name; prices only for callers who may see them");
        products.MapGet("/{sku}", Find)
            .RequirePermission(Permission.ViewCatalog)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One product with its datasheets");
        products.MapGet("/{sku}/datasheets/{datasheetId:guid}", Datasheet)
            .RequirePermission(Permission.ViewDatasheets)
            .WithSummary("Download a datasheet")
            .Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<ProductSearchPage>> Search(CatalogQueries queries, string? search, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await queries.SearchAsync(search, page, pageSize, ct));

    private static async Task<Results<Ok<ProductDetails>, ProblemHttpResult>> Find(string sku, CatalogQueries queries, CancellationToken ct) =>
        await queries.FindAsync(sku, ct) is { } product ? TypedResults.Ok(product) : Problem.NotFound("NotFound.Product");

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Datasheet(string sku, Guid datasheetId, CatalogQueries queries, CancellationToken ct) =>
        await queries.DatasheetAsync(sku, datasheetId, ct) is { } sheet
            ? TypedResults.File(sheet.Content, sheet.ContentType, sheet.FileName)
            : Problem.NotFound("NotFound.Datasheet");
}
