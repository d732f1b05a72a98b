using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>
/// The buyers' period budgets: one ledger row per buyer and period with what was spent in it, changed only
/// by conditional updates so that concurrent orders of one buyer cannot overspend.
/// </summary>
internal sealed class OrderBudgets(UhrwerkDbContext db, TimeProvider clock)
{
    /// <summary>A ledger row this request has read, so opening it need not ask the database again.</summary>
    private (Guid UserId, DateOnly PeriodStart)? _opened;

    public DateOnly? PeriodStartOf(BuyerBudget budget) => budget.PeriodMonths is { } months ? BudgetCheck.PeriodStart(months, BerlinTime.DateOf(clock.GetUtcNow())) : null;

    public async Task<decimal> SpentAsync(Guid userId, BuyerBudget budget, CancellationToken ct)
    {
        if (PeriodStartOf(budget) is not { } start)
        {
            return 0m;
        }

        var spent = await db.BudgetLedgers.AsNoTracking().Where(l => l.UserId == userId && l.PeriodStart == start).Select(l => (long?)l.SpentCents).SingleOrDefaultAsync(ct);
        if (spent is not null)
        {
            _opened = (userId, start);
        }

        return (spent ?? 0) / 100m;
    }

    /// <summary>Which budget rules the lines would break for the buyer now, given what they spent in the current period.</summary>
    public async Task<IReadOnlyList<BudgetFinding>> FindingsAsync(BuyerProfile buyer, IReadOnlyList<OrderLine> lines, CancellationToken ct) =>
        BudgetCheck.Findings(buyer.Budget, lines.Sum(l => l.Quantity), lines.Sum(l => l.LineTotal), await SpentAsync(buyer.UserId, buyer.Budget, ct));

    /// <summary>Makes sure the ledger row of the buyer's current period exists, so spending can be one conditional UPDATE.</summary>
    public async Task EnsureLedgerAsync(BuyerProfile buyer, CancellationToken ct)
    {
        if (PeriodStartOf(buyer.Budget) is not { } start || _opened == (buyer.UserId, start) || await db.BudgetLedgers.AnyAsync(l => l.UserId == buyer.UserId && l.PeriodStart == start, ct))
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

        var start = BudgetCheck.PeriodStart(months, BerlinTime.DateOf(placedAt));
        var cents = BudgetLedger.Cents(order.Total);
        await db.BudgetLedgers.Where(l => l.UserId == buyer.UserId && l.PeriodStart == start && l.SpentCents >= cents)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.SpentCents, l => l.SpentCents - cents), ct);
    }
}
