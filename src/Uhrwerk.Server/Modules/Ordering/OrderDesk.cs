using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>
/// What the order use cases share: the caller as actor, the order header, loading and saving orders, and
/// publishing their events. Budgets, approver routing, pricing and delivery commitment are parts of their own.
/// </summary>
internal sealed class OrderDesk(UhrwerkDbContext db, CurrentUser me, IAccounts accounts, ApproverRoutes routes, TimeProvider clock)
{
    public UhrwerkDbContext Db => db;

    public CurrentUser Me => me;

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => BerlinTime.DateOf(Now);

    public Actor Caller => new(me.RequiredUserId, me.DisplayName);

    public async Task<BuyerProfile> ProfileAsync(Guid userId, CancellationToken ct) =>
        await accounts.BuyerProfileAsync(userId, ct) ?? throw new DomainException("unknown_user", T.Get("Ordering.UnknownUser"));

    public OrderHeader Header(BuyerProfile buyer, int addressIndex, DateOnly? requestedDeliveryDate, string? purchaseOrderReference, string? comment) =>
        new(ShipToOf(buyer, addressIndex), RequestedDate(requestedDeliveryDate), purchaseOrderReference, comment);

    public static ShipToAddress ShipToOf(BuyerProfile buyer, int addressIndex) =>
        addressIndex >= 0 && addressIndex < buyer.ShipTo.Count
            ? buyer.ShipTo[addressIndex]
            : throw ValidationFailedException.For("addressIndex", T.Get("Ordering.ChooseAddress"));

    public DateOnly? RequestedDate(DateOnly? requestedDeliveryDate) => RequestedDeliveryDate.Accept(requestedDeliveryDate, Today);

    /// <summary>Who is told about an order waiting for a decision: its approvers as routed now.</summary>
    public Task<IReadOnlyList<RoutedApprover>> ApproversAsync(Order order, CancellationToken ct) => routes.ApproversAsync(order, ct);

    /// <summary>
    /// Saves a change to a loaded order. A concurrent change shows either at the order's version or,
    /// when the other request's history entry was written first, at the history's unique sequence; both are a 409.
    /// </summary>
    public async Task SaveOrderAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && e.Entries.Any(x => x.Entity is OrderEvent))
        {
            throw new DbUpdateConcurrencyException("The order was changed concurrently.", e);
        }
    }

    /// <summary>The order as the caller may see it: their own, or any of the company's with the right to see company orders or approve.</summary>
    public async Task<Order?> FindVisibleAsync(Guid orderId, bool withDetails, CancellationToken ct)
    {
        var query = db.Orders.Where(o => o.Id == orderId && o.CompanyId == me.RequiredCompanyId);
        if (withDetails)
        {
            query = query.Include(o => o.Lines).Include(o => o.History).Include(o => o.Messages).AsSplitQuery();
        }
        else
        {
            query = query.Include(o => o.Lines);
        }

        var order = await query.SingleOrDefaultAsync(ct);
        return order is not null && (order.BuyerId == me.UserId || me.Has(Permission.ViewCompanyOrders) || me.Has(Permission.ApproveOrders)) ? order : null;
    }

    /// <summary>Tells the rest of the system what happened to the order; it commits with the order, and each handler gets an order's events in order.</summary>
    public void Publish(object @event, Order order) => db.Publish(@event, order.CompanyId, order.Id);
}
