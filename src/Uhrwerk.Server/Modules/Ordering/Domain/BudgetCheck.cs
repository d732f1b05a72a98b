using Uhrwerk.Server.Modules.Accounts;

namespace Uhrwerk.Server.Modules.Ordering.Domain;

public enum BudgetRule { MaxQuantityPerOrder, MaxOrderValue, PeriodBudget }

/// <summary>One budget rule an order breaks, and by how much (pieces or EUR).</summary>
public sealed record BudgetFinding(BudgetRule Rule, decimal Limit, decimal Actual)
{
    public decimal Excess => Actual - Limit;
}

/// <summary>The budget rules of the customer center applied to one order.</summary>
public static class BudgetCheck
{
    /// <param name="spentInPeriod">What the buyer's approved and placed orders of the current period already add up to.</param>
    public static IReadOnlyList<BudgetFinding> Findings(BuyerBudget budget, int totalQuantity, decimal total, decimal spentInPeriod)
    {
        var findings = new List<BudgetFinding>();
        if (budget.MaxQuantityPerOrder is { } maxQuantity && totalQuantity > maxQuantity)
        {
            findings.Add(new BudgetFinding(BudgetRule.MaxQuantityPerOrder, maxQuantity, totalQuantity));
        }

        if (budget.MaxOrderValue is { } maxValue && total > maxValue)
        {
            findings.Add(new BudgetFinding(BudgetRule.MaxOrderValue, maxValue, total));
        }

        if (budget.PeriodAmount is { } periodAmount && spentInPeriod + total > periodAmount)
        {
            findings.Add(new BudgetFinding(BudgetRule.PeriodBudget, periodAmount, spentInPeriod + total));
        }

        return findings;
    }

    /// <summary>The first day of the budget period (1, 3 or 12 months, aligned to the calendar year) that contains <paramref name="day"/>.</summary>
    public static DateOnly PeriodStart(int months, DateOnly day) => new(day.Year, (day.Month - 1) / months * months + 1, 1);
}
