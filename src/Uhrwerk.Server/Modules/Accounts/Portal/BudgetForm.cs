using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.ManageUsers;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Accounts.Portal;

/// <summary>A budget as the portal's forms post it.</summary>
public sealed class BudgetForm
{
    public int? MaxQuantity { get; set; }
    public decimal? MaxValue { get; set; }
    public decimal? PeriodAmount { get; set; }
    public BudgetPeriod? Period { get; set; }

    public BudgetRequest ToRequest() => new(MaxQuantity, MaxValue, PeriodAmount, Period);

    public static BudgetForm Of(OrderBudget budget) => new()
    {
        MaxQuantity = budget.MaxQuantityPerOrder,
        MaxValue = budget.MaxOrderValue,
        PeriodAmount = budget.PeriodAmount,
        Period = budget.Period,
    };

    public static string Describe(OrderBudget budget)
    {
        var parts = new List<string>();
        if (budget.MaxQuantityPerOrder is { } quantity)
        {
            parts.Add(T.Format("Users.BudgetQuantity", quantity));
        }

        if (budget.MaxOrderValue is { } value)
        {
            parts.Add(T.Format("Users.BudgetValue", value));
        }

        if (budget.PeriodAmount is { } amount && budget.Period is { } period)
        {
            parts.Add(T.Format("Users.BudgetPer" + period, amount));
        }

        return parts.Count == 0 ? T.Get("Users.NoLimit") : string.Join(" · ", parts);
    }
}
