using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts;
using Uhrwerk.Server.Modules.Ordering.Domain;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Ordering;

/// <summary>
/// The buyers' period budgets: one ledger row per buyer and period with what was spent in it, opened by the
/// first spending and changed only by conditional updates so that concurrent orders of one buyer cannot overspend.
/// </summary>
internal sealed class OrderBudgets(UhrwerkDbContext db, TimeProvider clock)
{
    /// <summary>How often a spending refused without a finding is tried again before the buyer is asked to retry.</summary>
    private const int SpendAttempts = 3;

    public DateOnly? PeriodStartOf(BuyerBudget budget) => budget.PeriodMonths is { } months ? BudgetCheck.PeriodStart(months, BerlinTime.DateOf(clock.GetUtcNow())) : null;

    public async Task<decimal> SpentAsync(Guid userId, BuyerBudget budget, CancellationToken ct)
    {
        if (PeriodStartOf(budget) is not { } start)
        {
            return 0m;
        }

        var spent = await db.BudgetLedgers.AsNoTracking().Where(l => l.UserId == userId && l.PeriodStart == start).Select(l => (long?)l.SpentCents).SingleOrDefaultAsync(ct);
        return (spent ?? 0) / 100m;
    }

    /// <summary>Which budget rules the lines would break for the buyer now, given what they spent in the current period.</summary>
    public async Task<IReadOnlyList<BudgetFinding>> FindingsAsync(BuyerProfile buyer, IReadOnlyList<OrderLine> lines, CancellationToken ct) =>
        BudgetCheck.Findings(buyer.Budget, lines.Sum(l => l.Quantity), lines.Sum(l => l.LineTotal), await SpentAsync(buyer.UserId, buyer.Budget, ct));

    /// <summary>
    /// Checks the lines against the buyer's budget and, when they break no rule, spends their total on the
    /// current period. The common case is one statement: the conditional spending is the period check, done
    /// by the database on the row it changes. Only a refusal reads what was spent, to name the finding.
    /// A refusal without a finding means another order changed the ledger meanwhile: it is tried again.
    /// Runs in the caller's transaction, so the spending goes with the order.
    /// </summary>
    public async Task<IReadOnlyList<BudgetFinding>> SpendWithinAsync(BuyerProfile buyer, IReadOnlyList<OrderLine> lines, CancellationToken ct)
    {
        var total = lines.Sum(l => l.LineTotal);
        // What the lines break before anything was spent, they break whatever was spent: that needs no database.
        if (BudgetCheck.Findings(buyer.Budget, lines.Sum(l => l.Quantity), total, 0m).Count > 0)
        {
            return await FindingsAsync(buyer, lines, ct);
        }

        for (var attempt = 0; attempt < SpendAttempts; attempt++)
        {
            if (await SpendAsync(buyer, total, onlyWithinBudget: true, ct))
            {
                return [];
            }

            if (await FindingsAsync(buyer, lines, ct) is { Count: > 0 } findings)
            {
                return findings;
            }
        }

        throw new DomainException("budget_busy", T.Get("Ordering.BudgetBusy"));
    }

    /// <summary>
    /// Spends on the buyer's period budget, opening the period's ledger row on its first spending; with
    /// <paramref name="onlyWithinBudget"/> only if it stays within it. False when it would not. One statement,
    /// so two orders of one buyer meet at the row and the second sees what the first spent.
    /// </summary>
    public async Task<bool> SpendAsync(BuyerProfile buyer, decimal amount, bool onlyWithinBudget, CancellationToken ct)
    {
        if (PeriodStartOf(buyer.Budget) is not { } start)
        {
            return true;
        }

        var cents = BudgetLedger.Cents(amount);
        var ceiling = onlyWithinBudget ? BudgetLedger.Cents(buyer.Budget.PeriodAmount!.Value) - cents : long.MaxValue;
        if (ceiling < 0)
        {
            return false;
        }

        return await db.Database.ExecuteSqlAsync($"""
            INSERT INTO ordering_budget_ledgers ("CompanyId", "UserId", "PeriodStart", "SpentCents") VALUES ({buyer.CompanyId}, {buyer.UserId}, {start}, {cents})
            ON CONFLICT ("UserId", "PeriodStart") DO UPDATE SET "SpentCents" = ordering_budget_ledgers."SpentCents" + excluded."SpentCents"
            WHERE ordering_budget_ledgers."SpentCents" <= {ceiling}
            """, ct) == 1;
    }

    /// <summary>Gives what was cancelled of an order (all of it, or its unpicked rest) back to the budget period it was placed in.</summary>
    public async Task RefundAsync(BuyerProfile buyer, Order order, decimal amount, CancellationToken ct)
    {
        if (buyer.Budget.PeriodMonths is not { } months || order.PlacedAt is not { } placedAt)
        {
            return;
        }

        var start = BudgetCheck.PeriodStart(months, BerlinTime.DateOf(placedAt));
        var cents = BudgetLedger.Cents(amount);
        await db.BudgetLedgers.Where(l => l.UserId == buyer.UserId && l.PeriodStart == start && l.SpentCents >= cents)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.SpentCents, l => l.SpentCents - cents), ct);
    }
}
