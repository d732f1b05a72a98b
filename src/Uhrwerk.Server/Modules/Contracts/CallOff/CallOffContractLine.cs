using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Contracts.Domain;
using Uhrwerk.Server.Modules.Contracts.Events;
using Uhrwerk.Server.Modules.Contracts.ViewContracts;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Ordering;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Contracts.CallOff;

/// <summary>A call-off of <paramref name="Quantity"/> of a contract line, to be delivered on <paramref name="RequestedDate"/> to the company address at <paramref name="AddressIndex"/>.</summary>
public sealed record CallOffRequest(
    Guid LineId,
    [property: Range(1, 1_000_000)] int Quantity,
    DateOnly RequestedDate,
    [property: Range(0, 100)] int AddressIndex = 0,
    [property: StringLength(100)] string? PurchaseOrderReference = null);

/// <summary>The call-off and the order it became: Placed with its promised date, or PendingApproval when the contract's call-offs need approval and a budget rule applies.</summary>
public sealed record CalledOffResponse(Guid ContractId, string ContractNumber, Guid LineId, string Sku, int Quantity, DateOnly RequestedDate, decimal UnitPrice,
    Guid OrderId, string OrderNumber, string OrderStatus, decimal OrderTotal, DateOnly? PromisedDate, int Remaining, int MaxCallOff);

/// <summary>
/// Calls off part of a contract line as an order at the contract price. The contract's version guards the
/// remainder: when another call-off took from it meanwhile, the order is undone with it and this one is
/// checked again against what is left now.
/// </summary>
internal sealed class ContractCallOffs(UhrwerkDbContext db, CurrentUser me, IOrdering ordering, IInventory inventory, IAccounts accounts, TimeProvider clock)
{
    private const int Attempts = 3;

    /// <summary>
    /// When a call-off would be delivered to the address, without ordering or reserving anything; refused as
    /// the call-off itself would be. Null for a contract the caller cannot see.
    /// </summary>
    public async Task<DateOnly?> PreviewAsync(Guid contractId, CallOffRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var today = BerlinTime.DateOf(clock.GetUtcNow());
        var contract = await db.CallOffContracts.AsNoTracking().Include(c => c.Lines).SingleOrDefaultAsync(c => c.Id == contractId, ct);
        if (contract is null)
        {
            return null;
        }

        var requested = RequestedDeliveryDate.Accept(request.RequestedDate, today)!.Value;
        contract.EnsureMayCallOff(request.LineId, request.Quantity, requested, today);
        var buyer = await accounts.BuyerProfileAsync(me.RequiredUserId, ct);
        var address = buyer?.ShipTo.ElementAtOrDefault(request.AddressIndex) ?? throw ValidationFailedException.For("addressIndex", T.Get("Ordering.ChooseAddress"));
        var promise = await inventory.PromiseAsync([new PromiseLine(contract.Line(request.LineId).Sku, request.Quantity, requested)], new Destination(address.Country, address.PostalCode), ct);
        return promise[0].Complete.DeliveryDate;
    }

    public async Task<CalledOffResponse?> CallOffAsync(Guid contractId, CallOffRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            var today = BerlinTime.DateOf(now);
            var contract = await ContractQueries.Full(db.CallOffContracts).SingleOrDefaultAsync(c => c.Id == contractId, ct);
            if (contract is null)
            {
                return null;
            }

            var requested = RequestedDeliveryDate.Accept(request.RequestedDate, today)!.Value;

            contract.EnsureMayCallOff(request.LineId, request.Quantity, requested, today);
            var line = contract.Line(request.LineId);
            try
            {
                var order = await ordering.PlaceAtFixedPricesAsync(
                    new FixedPriceOrder(me.RequiredUserId, request.AddressIndex, requested, request.PurchaseOrderReference ?? contract.Number, null,
                        [new FixedPriceLine(line.Sku, request.Quantity, line.UnitPrice)], PreApproved: !contract.CallOffsNeedApproval),
                    placed =>
                    {
                        contract.CallOff(line.Id, request.Quantity, requested, today, me.RequiredUserId, null, placed.Id, placed.Number, now);
                        db.Publish(new ContractCalledOff(ContractFacts.Snapshot(contract), line.Sku, request.Quantity, requested, me.RequiredUserId, placed.Id, placed.Number, placed.Status,
                            placed.PromisedDates.FirstOrDefault()), contract.CompanyId, contract.Id);
                        ContractNotices.RunningOut(db, contract, me.RequiredUserId, today);
                    }, ct);
                return new CalledOffResponse(contract.Id, contract.Number, line.Id, line.Sku, request.Quantity, requested, line.UnitPrice, order.Id, order.Number, order.Status,
                    order.Total, order.PromisedDates.FirstOrDefault(), line.Remaining, Math.Max(0, line.Ceiling - line.CalledOff));
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                db.ChangeTracker.Clear();
            }
        }
    }
}

internal static class ContractNotices
{
    /// <summary>Tells once that the contract runs out, in the same unit of work as the change that made it so.</summary>
    public static void RunningOut(UhrwerkDbContext db, CallOffContract contract, Guid? buyerId, DateOnly today)
    {
        if (contract.NoticeRunningOut(today))
        {
            db.Publish(new ContractRunningOut(ContractFacts.Snapshot(contract), buyerId ?? contract.ReleaseBuyerId), contract.CompanyId, contract.Id);
        }
    }
}

internal static class CallOffEndpoint
{
    public static void Map(RouteGroupBuilder contracts) =>
        contracts.MapPost("/{contractId:guid}/call-offs", CallOff).RequirePermission(Permission.ManageCallOffs)
            .WithSummary("Call off part of a contract line for a delivery date: an order at the contract price with a promised date. Beyond the remainder (plus tolerance), below the minimum, outside the validity or on a contract that is not active: 422")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);

    private static async Task<Results<Created<CalledOffResponse>, ProblemHttpResult>> CallOff(Guid contractId, CallOffRequest request, ContractCallOffs callOffs, CancellationToken ct) =>
        await callOffs.CallOffAsync(contractId, request, ct) is { } done
            ? TypedResults.Created($"/api/v1/orders/{done.OrderId}", done)
            : Problem.NotFound("NotFound.Contract");
}
