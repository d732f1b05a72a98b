using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Catalog;
using Uhrwerk.Server.Modules.Inventory;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>A line as a buyer or approver asks for it: a SKU and a quantity.</summary>
public sealed record LineRequest(string Sku, int Quantity);

/// <summary>What the order use cases share: the caller as actor, prices, budgets, routing and messages.</summary>
internal sealed class OrderDesk(UhrwerkDbContext db, CurrentUser me, IAccounts accounts, ICatalog catalog, IInventory inventory, TimeProvider clock)
{
    public UhrwerkDbContext Db => db;

    public CurrentUser Me => me;

    public DateTimeOffset Now => clock.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(Platform.Localization.BerlinTime.ToLocal(Now).DateTime);

    public Actor Caller => new(me.RequiredUserId, me.DisplayName);

    public async Task<BuyerProfile> ProfileAsync(Guid userId, CancellationToken ct) =>
        await accounts.BuyerProfileAsync(userId, ct) ?? throw new DomainException("unknown_user", T.Get("Ordering.UnknownUser"));

    /// <summary>Priced order lines for the caller's company; unknown or discontinued SKUs and quantities out of range or not in whole packs are validation errors per line.</summary>
    public async Task<IReadOnlyList<OrderLine>> PriceAsync(IReadOnlyList<LineRequest> requested, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var normalised = requested.Select((l, i) => (Index: i, Sku: l.Sku?.Trim().ToUpperInvariant(), l.Quantity)).ToList();
        var items = (await catalog.FindAsync(normalised.Where(l => l.Sku is not null).Select(l => l.Sku!).ToList(), me.RequiredCompanyId, ct)).ToDictionary(i => i.Sku);
        var lines = new List<OrderLine>();
        foreach (var (index, sku, quantity) in normalised)
        {
            if (sku is null || !items.TryGetValue(sku, out var item) || !item.IsActive)
            {
                errors[$"lines[{index}].sku"] = [T.Format("Ordering.UnknownSku", requested[index].Sku ?? "")];
            }
            else if (OrderLine.QuantityProblem(item.Sku, quantity, item.PackSize, item.Unit) is { } problem)
            {
                errors[$"lines[{index}].quantity"] = [problem];
            }
            else
            {
                lines.Add(OrderLine.Of(item.ProductId, item.Sku, me.Language == "en" ? item.NameEn : item.NameDe, item.Unit, item.PackSize, quantity, item.NetPrice));
            }
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return lines;
    }

    public OrderHeader Header(BuyerProfile buyer, int addressIndex, DateOnly? requestedDeliveryDate, string? purchaseOrderReference, string? comment) =>
        new(ShipToOf(buyer, addressIndex), RequestedDate(requestedDeliveryDate), purchaseOrderReference, comment);

    public static ShipToAddress ShipToOf(BuyerProfile buyer, int addressIndex) =>
        addressIndex >= 0 && addressIndex < buyer.ShipTo.Count
            ? buyer.ShipTo[addressIndex]
            : throw ValidationFailedException.For("addressIndex", T.Get("Ordering.ChooseAddress"));

    public DateOnly? RequestedDate(DateOnly? requestedDeliveryDate) => RequestedDeliveryDate.Accept(requestedDeliveryDate, Today);

    public IInventory Inventory => inventory;

    public static IReadOnlyList<PromiseLine> PromiseLines(IEnumerable<OrderLine> lines, DateOnly? requested) => lines.Select(l => new PromiseLine(l.Sku, l.Quantity, requested)).ToList();

    public static Destination DestinationOf(ShipToAddress address) => new(address.Country, address.PostalCode);

    public static PlanKind KindOf(DeliveryChoice choice) => choice == DeliveryChoice.Partial ? PlanKind.Partial : PlanKind.Complete;

    /// <summary>
    /// Reserves stock for a placed order along the buyer's delivery choice and records the promised
    /// dates on its lines. Runs in the caller's transaction.
    /// </summary>
    public async Task<IReadOnlyList<LinePromise>> CommitDeliveriesAsync(Order order, CancellationToken ct)
    {
        var kind = KindOf(order.DeliveryChoice);
        var promises = await inventory.ReserveAsync(new OrderToReserve(order.Id, order.CompanyId, order.Number, PromiseLines(order.Lines, order.RequestedDeliveryDate), DestinationOf(order.Destination)), kind, ct);
        order.Promise(order.Lines.Zip(promises).ToDictionary(p => p.First.Id, p => (IReadOnlyList<LineDelivery>)p.Second.Plan(kind).Parts
            .GroupBy(part => (part.DeliveryDate, part.WarehouseCode)).Select(g => new LineDelivery(g.Sum(part => part.Quantity), g.Key.DeliveryDate, g.Key.WarehouseCode)).ToList()));
        return promises;
    }

    public DateOnly? PeriodStartOf(BuyerBudget budget) => budget.PeriodMonths is { } months ? BudgetCheck.PeriodStart(months, Today) : null;

    public async Task<decimal> SpentAsync(Guid userId, BuyerBudget budget, CancellationToken ct)
    {
        if (PeriodStartOf(budget) is not { } start)
        {
            return 0m;
        }

        return (await db.BudgetLedgers.AsNoTracking().Where(l => l.UserId == userId && l.PeriodStart == start).Select(l => (long?)l.SpentCents).SingleOrDefaultAsync(ct) ?? 0) / 100m;
    }

    public async Task<IReadOnlyList<BudgetFinding>> FindingsAsync(BuyerProfile buyer, IReadOnlyList<OrderLine> lines, CancellationToken ct) =>
        BudgetCheck.Findings(buyer.Budget, lines.Sum(l => l.Quantity), lines.Sum(l => l.LineTotal), await SpentAsync(buyer.UserId, buyer.Budget, ct));

    /// <summary>Makes sure the ledger row of the buyer's current period exists, so spending can be one conditional UPDATE.</summary>
    public async Task EnsureLedgerAsync(BuyerProfile buyer, CancellationToken ct)
    {
        if (PeriodStartOf(buyer.Budget) is not { } start || await db.BudgetLedgers.AnyAsync(l => l.UserId == buyer.UserId && l.PeriodStart == start, ct))
        {
            return;
        }

        var ledger = BudgetLedger.Open(buyer.CompanyId!.Value, buyer.UserId, start);
        db.BudgetLedgers.Add(ledger);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request opened it first.
        }

        db.Entry(ledger).State = EntityState.Detached;
    }

    /// <summary>Spends on the buyer's period budget; with <paramref name="onlyWithinBudget"/> only if it stays within it. False when it would not.</summary>
    public async Task<bool> SpendAsync(BuyerProfile buyer, decimal amount, bool onlyWithinBudget, CancellationToken ct)
    {
        if (PeriodStartOf(buyer.Budget) is not { } start)
        {
            return true;
        }

        var cents = BudgetLedger.Cents(amount);
        var ceiling = onlyWithinBudget ? BudgetLedger.Cents(buyer.Budget.PeriodAmount!.Value) - cents : long.MaxValue;
        return await db.BudgetLedgers.Where(l => l.UserId == buyer.UserId && l.PeriodStart == start && l.SpentCents <= ceiling)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.SpentCents, l => l.SpentCents + cents), ct) == 1;
    }

    /// <summary>Gives a cancelled order's amount back to the budget period it was placed in.</summary>
    public async Task RefundAsync(BuyerProfile buyer, Order order, CancellationToken ct)
    {
        if (buyer.Budget.PeriodMonths is not { } months || order.PlacedAt is not { } placedAt)
        {
            return;
        }

        var start = BudgetCheck.PeriodStart(months, DateOnly.FromDateTime(Platform.Localization.BerlinTime.ToLocal(placedAt).DateTime));
        var cents = BudgetLedger.Cents(order.Total);
        await db.BudgetLedgers.Where(l => l.UserId == buyer.UserId && l.PeriodStart == start && l.SpentCents >= cents)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.SpentCents, l => l.SpentCents - cents), ct);
    }

    /// <summary>
    /// Who may decide orders of the caller's company right now, recomputed for every request so that
    /// absences, deactivations and role changes count at once. Only active users who hold the right to
    /// approve are routed to. Loads designations, absences and rights once for any number of orders.
    /// </summary>
    public async Task<Func<Order, IReadOnlyList<RoutedApprover>>> RoutesAsync(CancellationToken ct) =>
        await RoutesAsync(me.RequiredCompanyId, (await ProfileAsync(me.RequiredUserId, ct)).MainContactId, ct);

    /// <summary>The routes of any company, for work done without a signed-in user of it (the deputy hand-over).</summary>
    public async Task<Func<Order, IReadOnlyList<RoutedApprover>>> RoutesAsync(Guid companyId, Guid? mainContactId, CancellationToken ct)
    {
        var designated = await db.Approvers.AsNoTracking().Where(a => a.CompanyId == companyId).ToListAsync(ct);
        var absences = await db.Absences.AsNoTracking().Where(a => a.CompanyId == companyId && a.To >= Today).ToListAsync(ct);
        var candidates = designated.Select(a => a.UserId).Concat(absences.Select(a => a.DeputyId ?? Guid.Empty)).Append(mainContactId ?? Guid.Empty).ToHashSet();
        var eligible = await accounts.ActiveHoldersOfAsync(candidates, Permission.ApproveOrders, ct);
        var approvers = designated.Where(a => eligible.Contains(a.UserId)).ToList();
        var roles = approvers.Any(a => a.ForRoleId is not null) ? await accounts.RolesAsync(companyId, ct) : new CompanyRoleMap(new Dictionary<Guid, string>(), new Dictionary<Guid, IReadOnlyList<Guid>>());
        var today = Today;
        return order => ApprovalRouting.For(order.BuyerId, roles.Of(order.BuyerId), order.Total, approvers, absences, mainContactId, today).Where(r => eligible.Contains(r.UserId)).ToList();
    }

    public async Task<IReadOnlyList<RoutedApprover>> ApproversAsync(Order order, CancellationToken ct) => (await RoutesAsync(ct))(order);

    public bool MayDecide(Order order, Func<Order, IReadOnlyList<RoutedApprover>> routes) =>
        me.Has(Permission.ApproveOrders) && me.UserId != order.BuyerId && routes(order).Any(r => r.UserId == me.UserId);

    public async Task<bool> MayDecideAsync(Order order, CancellationToken ct) => MayDecide(order, await RoutesAsync(ct));

    public async Task EnsureMayDecideAsync(Order order, CancellationToken ct)
    {
        if (!await MayDecideAsync(order, ct))
        {
            throw new NotAllowedException(me.UserId == order.BuyerId ? "self_approval" : "not_an_approver",
                me.UserId == order.BuyerId ? T.Get("Ordering.SelfApproval") : T.Get("Ordering.NotAnApprover"));
        }
    }

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
