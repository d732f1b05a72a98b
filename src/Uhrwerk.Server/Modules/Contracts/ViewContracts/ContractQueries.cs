using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Contracts.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Contracts.ViewContracts;

/// <param name="MaxCallOff">The most one call-off may take now: the remainder plus what the tolerance allows beyond it.</param>
public sealed record ContractLineResponse(Guid Id, int Position, string Sku, int ContractedQuantity, decimal UnitPrice, int MinimumCallOff, decimal? TolerancePercent,
    int CalledOff, int Delivered, int Remaining, int MaxCallOff);

public sealed record ReleaseResponse(Guid Id, string Sku, DateOnly DeliveryDate, DateOnly DueOn, int Quantity, string Status, string? OrderNumber);

public sealed record CallOffResponse(Guid Id, string Sku, int Quantity, DateOnly RequestedDate, bool Scheduled, Guid OrderId, string OrderNumber, DateTimeOffset CalledOffAt);

public sealed record ContractResponse(Guid Id, string Number, Guid CompanyId, string Status, DateOnly ValidFrom, DateOnly ValidTo, bool CallOffsNeedApproval, int LeadTimeDays,
    IReadOnlyList<ContractLineResponse> Lines, IReadOnlyList<ReleaseResponse> Releases, IReadOnlyList<CallOffResponse> CallOffs);

internal sealed class ContractQueries(UhrwerkDbContext db)
{
    /// <summary>A contract with everything it holds, for one aggregate's reads and changes.</summary>
    public static IQueryable<CallOffContract> Full(IQueryable<CallOffContract> contracts) =>
        contracts.Include(c => c.Lines).Include(c => c.Releases).Include(c => c.CallOffs).AsSplitQuery();

    /// <summary>
    /// The contracts the caller may see (the context filters them to a customer's own company), newest first; staff
    /// narrow them to one company or status.
    /// </summary>
    public async Task<PagedList<ContractResponse>> ListAsync(int? page, int? pageSize, CancellationToken ct, Guid? companyId = null, ContractStatus? status = null)
    {
        var (p, size, skip) = PagedList<ContractResponse>.Clamp(page, pageSize);
        var matching = db.CallOffContracts.AsNoTracking();
        if (companyId is { } company)
        {
            matching = matching.Where(c => c.CompanyId == company);
        }

        if (status is { } wanted)
        {
            matching = matching.Where(c => c.Status == wanted);
        }

        var total = await matching.CountAsync(ct);
        var contracts = await Full(matching).OrderByDescending(c => c.ValidTo).ThenBy(c => c.Number).Skip(skip).Take(size).ToListAsync(ct);
        return new PagedList<ContractResponse>(contracts.Select(Describe).ToList(), p, size, total);
    }

    public async Task<ContractResponse?> FindAsync(Guid id, CancellationToken ct) =>
        await Full(db.CallOffContracts.AsNoTracking()).SingleOrDefaultAsync(c => c.Id == id, ct) is { } contract ? Describe(contract) : null;

    public static ContractResponse Describe(CallOffContract c)
    {
        var skus = c.Lines.ToDictionary(l => l.Id, l => l.Sku);
        return new ContractResponse(c.Id, c.Number, c.CompanyId!.Value, c.Status.ToString(), c.ValidFrom, c.ValidTo, c.CallOffsNeedApproval, c.LeadTimeDays,
            c.Lines.OrderBy(l => l.Position).Select(l => new ContractLineResponse(l.Id, l.Position, l.Sku, l.ContractedQuantity, l.UnitPrice, l.MinimumCallOff, l.TolerancePercent,
                l.CalledOff, l.DeliveredQuantity, l.Remaining, Math.Max(0, l.Ceiling - l.CalledOff))).ToList(),
            c.Releases.OrderBy(r => r.DeliveryDate).Select(r => new ReleaseResponse(r.Id, skus[r.LineId], r.DeliveryDate, r.DueOn, r.Quantity, r.Status.ToString(), r.OrderNumber)).ToList(),
            c.CallOffs.OrderBy(o => o.CalledOffAt).Select(o => new CallOffResponse(o.Id, skus[o.LineId], o.Quantity, o.RequestedDate, o.ReleaseId is not null, o.OrderId, o.OrderNumber, o.CalledOffAt)).ToList());
    }
}

internal static class ContractQueryEndpoints
{
    public static void Map(RouteGroupBuilder contracts)
    {
        contracts.MapGet("/", List).WithSummary("Call-off contracts with contracted, called-off, delivered and remaining quantities per line");
        contracts.MapGet("/{contractId:guid}", Get).WithSummary("One contract with its lines, release schedule and call-offs");
    }

    private static async Task<Ok<PagedList<ContractResponse>>> List(int? page, int? pageSize, ContractQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(page, pageSize, ct));

    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> Get(Guid contractId, ContractQueries queries, CancellationToken ct) =>
        await queries.FindAsync(contractId, ct) is { } contract ? TypedResults.Ok(contract) : Problem.NotFound("NotFound.Contract");
}
