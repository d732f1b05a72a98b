using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Platform.Csv;

public sealed record ImporterInfo(string Name, IReadOnlyList<string> Columns);

internal static class ImportEndpoints
{
    public static void MapImports(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/backoffice/imports").WithTags("Platform").RequirePermission(Permission.ImportErpData);
        imports.MapGet("/", List).WithSummary("The CSV imports I may run, with their columns");
        imports.MapPost("/{name}", Import)
            // A form post carrying the portal's cookie would need an antiforgery token; the portal imports through its own page, so this endpoint takes bearer tokens only.
            .RequireAuthorization(policy => policy.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser())
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Import a CSV file (multipart/form-data, field \"file\"; bearer token only); either every row is saved or, on any error, none");
    }

    private static Ok<List<ImporterInfo>> List(IEnumerable<ICsvImporter> importers, CurrentUser me) =>
        TypedResults.Ok(importers.Where(i => me.Has(i.Permission)).Select(i => new ImporterInfo(i.Name, i.Columns)).ToList());

    /// <remarks>The file is read here rather than bound as IFormFile: a bound form file makes routing answer 415 to a wrong content type before authentication could answer 401.</remarks>
    private static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(string name, HttpRequest request, IEnumerable<ICsvImporter> importers, CurrentUser me, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: T.Get("Problem.BadRequest"), detail: T.Get("Problem.UnsupportedMediaType"));
        }

        if (await FileOfAsync(request, ct) is not { } file)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: T.Get("Problem.BadRequest"), detail: T.Get("Import.FileRequired"));
        }

        var importer = importers.SingleOrDefault(i => i.Name == name);
        if (importer is null)
        {
            return Problem.NotFound("NotFound.Import", name);
        }

        if (!me.Has(importer.Permission))
        {
            return TypedResults.Problem(statusCode: 403, title: T.Get("Problem.NotAllowed"), detail: T.Format("Import.NotPermitted", name));
        }

        await using var stream = file.OpenReadStream();
        return Answer(await importer.ImportAsync(stream, null, ct));
    }

    private static async Task<IFormFile?> FileOfAsync(HttpRequest request, CancellationToken ct)
    {
        try
        {
            return (await request.ReadFormAsync(ct)).Files.GetFile("file");
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static Results<Ok<ImportResult>, ProblemHttpResult> Answer(ImportResult result) => result.Succeeded
        ? TypedResults.Ok(result)
        : TypedResults.Problem(statusCode: 422, title: T.Get("Import.HasErrors"),
            detail: string.Join(" ", result.Errors.Take(5).Select(e => T.Format("Import.ErrorAt", e.Line, e.Field, e.Message))),
            extensions: new Dictionary<string, object?> { ["errors"] = result.Errors });
}
