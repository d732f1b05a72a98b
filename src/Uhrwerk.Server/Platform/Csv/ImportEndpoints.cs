using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Platform.Csv;

public sealed record ImporterInfo(string Name, IReadOnlyList<string> Columns);

internal static class ImportEndpoints
{
    public static void MapImports(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/backoffice/imports").WithTags("Back office").RequirePermission(Permission.ImportErpData);
        imports.MapGet("/", (IEnumerable<ICsvImporter> importers, CurrentUser me) =>
            importers.Where(i => me.Has(i.Permission)).Select(i => new ImporterInfo(i.Name, i.Columns)).ToList())
            .WithSummary("The CSV imports I may run, with their columns");
        imports.MapPost("/{name}", async (string name, IFormFile file, IEnumerable<ICsvImporter> importers, CurrentUser me, CancellationToken ct) =>
            {
                var importer = importers.SingleOrDefault(i => i.Name == name);
                if (importer is null)
                {
                    return Problem.NotFound($"The import '{name}'");
                }

                if (!me.Has(importer.Permission))
                {
                    return Results.Problem(statusCode: 403, title: "Forbidden", detail: $"You may not run the import '{name}'.");
                }

                await using var stream = file.OpenReadStream();
                return Answer(await importer.ImportAsync(stream, null, ct));
            })
            .DisableAntiforgery()
            .WithSummary("Import a CSV file; either every row is saved or, on any error, none");
    }

    public static IResult Answer(ImportResult result) => result.Succeeded
        ? Results.Ok(result)
        : Results.Problem(statusCode: 422, title: "The file has errors; nothing was imported.",
            detail: string.Join(" ", result.Errors.Take(5).Select(e => $"Line {e.Line}, {e.Field}: {e.Message}")),
            extensions: new Dictionary<string, object?> { ["errors"] = result.Errors });
}
