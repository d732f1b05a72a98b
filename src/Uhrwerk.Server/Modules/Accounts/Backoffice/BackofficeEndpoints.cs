using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Accounts.Backoffice;

public sealed record CompanySummary(Guid Id, string CustomerNumber, string Name, string Status, DateTimeOffset ActivatedAt, int Users);

public sealed record IssueApiKeyRequest([property: Required, StringLength(100)] string Name, [property: Required, MinLength(1)] IReadOnlyList<string> Scopes);

public sealed record IssuedApiKey(Guid Id, string Name, IReadOnlyList<string> Scopes, string Key);

internal static class BackofficeEndpoints
{
    private static readonly string[] KnownScopes = [ApiScopes.ErpDirectory, ApiScopes.ErpInventory, ApiScopes.ErpOrders, ApiScopes.ErpShipments, ApiScopes.ErpContracts];

    public static void Map(RouteGroupBuilder accounts)
    {
        var office = accounts.MapGroup("/backoffice");
        office.MapGet("/companies", ListCompanies)
            .RequirePermission(Permission.ManageCompanies).WithSummary("All customer companies");
        // Deliberately without an idempotency key: a replay would need the key's secret, which is kept only as a hash.
        office.MapPost("/api-keys", IssueApiKey)
            .RequirePermission(Permission.ManageApiKeys).WithSummary("Issue an API key for a machine client; the key is shown only in this answer");
    }

    private static async Task<Ok<PagedList<CompanySummary>>> ListCompanies(UhrwerkDbContext db, string? search, int? page, int? pageSize, CancellationToken ct) =>
        TypedResults.Ok(await ListCompaniesAsync(db, search, page, pageSize, ct));

    private static async Task<Created<IssuedApiKey>> IssueApiKey(IssueApiKeyRequest request, UhrwerkDbContext db, TimeProvider clock, CancellationToken ct)
    {
        if (request.Scopes.Except(KnownScopes).FirstOrDefault() is { } unknown)
        {
            throw Platform.Problems.ValidationFailedException.For("scopes", T.Format("Backoffice.UnknownScope", unknown, string.Join(", ", KnownScopes)));
        }

        var (key, secret) = ApiKey.Issue(request.Name, request.Scopes, clock.GetUtcNow());
        db.Set<ApiKey>().Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/backoffice/api-keys/{key.Id}", new IssuedApiKey(key.Id, key.Name, key.Scopes, secret));
    }

    public static async Task<PagedList<CompanySummary>> ListCompaniesAsync(UhrwerkDbContext db, string? search, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size, skip) = PagedList<CompanySummary>.Clamp(page, pageSize);
        var query = db.Companies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var term = search.Trim().ToLower();
            query = query.Where(c => c.Name.ToLower().Contains(term) || c.CustomerNumber.Contains(term));
        }

        var total = await query.CountAsync(ct);
        var items = await query.OrderBy(c => c.Name).Skip(skip).Take(size)
            .Select(c => new CompanySummary(c.Id, c.CustomerNumber, c.Name, c.Status.ToString(), c.ActivatedAt, db.Users.Count(u => u.CompanyId == c.Id)))
            .ToListAsync(ct);
        return new PagedList<CompanySummary>(items, number, size, total);
    }
}
