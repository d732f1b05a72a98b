using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Catalog;
using Uhrwerk.Server.Modules.Contracts.Domain;
using Uhrwerk.Server.Modules.Contracts.ViewContracts;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Idempotency;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Contracts.ManageContracts;

public sealed record ContractLineRequest(
    [property: Required, StringLength(40)] string Sku,
    [property: Range(1, 100_000_000)] int ContractedQuantity,
    [property: Range(typeof(decimal), "0", "1000000")] decimal UnitPrice,
    [property: Range(1, 100_000_000)] int MinimumCallOff = 1,
    [property: Range(typeof(decimal), "0", "100")] decimal? TolerancePercent = null);

public sealed record PlannedReleaseRequest([property: Required, StringLength(40)] string Sku, DateOnly DeliveryDate, [property: Range(1, 100_000_000)] int Quantity);

/// <summary>
/// A new contract of the company with the ERP customer number <paramref name="CustomerNumber"/>, in Draft until activated
/// (at once with <paramref name="Activate"/>). Scheduled releases are ordered <paramref name="LeadTimeDays"/> calendar days
/// before their delivery date in the name of <paramref name="ReleaseBuyerId"/>, a user of the company.
/// </summary>
public sealed record CreateContractRequest(
    [property: Required, StringLength(40)] string CustomerNumber,
    [property: Required, StringLength(40)] string Number,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    [property: Required, MinLength(1), MaxLength(CallOffContract.MaxLines)] IReadOnlyList<ContractLineRequest> Lines,
    [property: MaxLength(CallOffContract.MaxReleases)] IReadOnlyList<PlannedReleaseRequest>? Schedule = null,
    bool CallOffsNeedApproval = false,
    [property: Range(0, 365)] int LeadTimeDays = 5,
    Guid? ReleaseBuyerId = null,
    bool Activate = false);

/// <summary>Staff and the ERP create, activate and cancel contracts; both ways are the same use case.</summary>
internal sealed class ContractAdministration(UhrwerkDbContext db, IAccounts accounts, ICatalog catalog, TimeProvider clock)
{
    public async Task<ContractResponse> CreateAsync(CreateContractRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var number = PlainText.Name("number", request.Number.Trim())!.ToUpperInvariant();
        if (!(await accounts.CompanyIdsByCustomerNumberAsync([request.CustomerNumber.Trim()], ct)).TryGetValue(request.CustomerNumber.Trim(), out var companyId))
        {
            throw ValidationFailedException.For("customerNumber", T.Get("Contracts.UnknownCustomer"));
        }

        var lines = request.Lines.Select(l => new ContractLineTerms(l.Sku.Trim().ToUpperInvariant(), l.ContractedQuantity, l.UnitPrice, l.MinimumCallOff, l.TolerancePercent)).ToList();
        var known = (await catalog.FindAsync(lines.Select(l => l.Sku).ToList(), companyId, ct)).Where(i => i.IsActive).Select(i => i.Sku).ToHashSet();
        if (lines.FindIndex(l => !known.Contains(l.Sku)) is var unknown and >= 0)
        {
            throw ValidationFailedException.For($"lines[{unknown}].sku", T.Format("Ordering.UnknownSku", request.Lines[unknown].Sku));
        }

        if (request.ReleaseBuyerId is { } buyerId && (await accounts.BuyerProfileAsync(buyerId, ct))?.CompanyId != companyId)
        {
            throw ValidationFailedException.For("releaseBuyerId", T.Get("Contracts.ReleaseBuyerNotOfCompany"));
        }

        if (await db.CallOffContracts.IgnoreQueryFilters().AnyAsync(c => c.Number == number, ct))
        {
            throw new DomainException("contract_number_taken", T.Format("Contracts.NumberTaken", number));
        }

        var schedule = (request.Schedule ?? []).Select(r => new PlannedRelease(r.Sku.Trim().ToUpperInvariant(), r.DeliveryDate, r.Quantity)).ToList();
        var contract = CallOffContract.Draft(companyId, number, request.ValidFrom, request.ValidTo, request.CallOffsNeedApproval, request.LeadTimeDays, request.ReleaseBuyerId,
            lines, schedule, clock.GetUtcNow());
        if (request.Activate)
        {
            contract.Activate();
        }

        db.CallOffContracts.Add(contract);
        await db.SaveChangesAsync(ct);
        return ContractQueries.Describe(contract);
    }

    public async Task<ContractResponse?> ActivateAsync(Guid id, CancellationToken ct) => await ChangeAsync(c => c.Id == id, c => c.Activate(), ct);

    public async Task<ContractResponse?> CancelAsync(Guid id, CancellationToken ct) => await ChangeAsync(c => c.Id == id, c => c.Cancel(), ct);

    public async Task<ContractResponse?> ActivateAsync(string number, CancellationToken ct) => await ChangeAsync(c => c.Number == number.ToUpperInvariant(), c => c.Activate(), ct);

    public async Task<ContractResponse?> CancelAsync(string number, CancellationToken ct) => await ChangeAsync(c => c.Number == number.ToUpperInvariant(), c => c.Cancel(), ct);

    private async Task<ContractResponse?> ChangeAsync(System.Linq.Expressions.Expression<Func<CallOffContract, bool>> which, Action<CallOffContract> change, CancellationToken ct)
    {
        var contract = await ContractQueries.Full(db.CallOffContracts).SingleOrDefaultAsync(which, ct);
        if (contract is null)
        {
            return null;
        }

        change(contract);
        await db.SaveChangesAsync(ct);
        return ContractQueries.Describe(contract);
    }
}

internal static class ContractAdministrationEndpoints
{
    public static void MapStaff(RouteGroupBuilder backoffice)
    {
        backoffice.MapPost("/", Create).WithIdempotency()
            .WithSummary("Create a call-off contract for a company (Draft, or Active with activate: true)");
        backoffice.MapPost("/{contractId:guid}/activate", Activate).WithSummary("Activate a draft contract: its lines can be called off from now on");
        backoffice.MapPost("/{contractId:guid}/cancel", Cancel).WithSummary("Cancel a contract: nothing more can be called off");
    }

    public static void MapErp(RouteGroupBuilder erp)
    {
        erp.MapPost("/", Create).WithIdempotency()
            .WithSummary("The ERP creates a call-off contract for a customer number (Draft, or Active with activate: true)");
        erp.MapPost("/{number}/activate", ActivateByNumber).WithSummary("The ERP activates a draft contract by its number");
        erp.MapPost("/{number}/cancel", CancelByNumber).WithSummary("The ERP cancels a contract by its number");
    }

    private static async Task<Created<ContractResponse>> Create(CreateContractRequest request, ContractAdministration contracts, CancellationToken ct)
    {
        var created = await contracts.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/backoffice/contracts/{created.Id}", created);
    }

    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> Activate(Guid contractId, ContractAdministration contracts, CancellationToken ct) =>
        await contracts.ActivateAsync(contractId, ct) is { } done ? TypedResults.Ok(done) : Problem.NotFound("NotFound.Contract");

    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> Cancel(Guid contractId, ContractAdministration contracts, CancellationToken ct) =>
        await contracts.CancelAsync(contractId, ct) is { } done ? TypedResults.Ok(done) : Problem.NotFound("NotFound.Contract");

    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> ActivateByNumber(string number, ContractAdministration contracts, CancellationToken ct) =>
        await contracts.ActivateAsync(number, ct) is { } done ? TypedResults.Ok(done) : Problem.NotFound("NotFound.Contract");

    private static async Task<Results<Ok<ContractResponse>, ProblemHttpResult>> CancelByNumber(string number, ContractAdministration contracts, CancellationToken ct) =>
        await contracts.CancelAsync(number, ct) is { } done ? TypedResults.Ok(done) : Problem.NotFound("NotFound.Contract");
}
