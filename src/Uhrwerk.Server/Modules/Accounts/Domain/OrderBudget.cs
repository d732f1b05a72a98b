using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Accounts.Domain;

public enum BudgetPeriod { Month, Quarter, Year }

/// <summary>
/// What a user may order without approval. Empty limits mean "no limit". Enforced by
/// Ordering; set here by the main contact.
/// </summary>
public sealed record OrderBudget
{
    public static readonly OrderBudget Unlimited = new();

    /// <summary>More than any customer orders in a period, and within what the database stores.</summary>
    public const decimal MaxAmount = 100_000_000m;

    private OrderBudget() { }

    public int? MaxQuantityPerOrder { get; private init; }
    public decimal? MaxOrderValue { get; private init; }
    public decimal? PeriodAmount { get; private init; }
    public BudgetPeriod? Period { get; private init; }

    public static OrderBudget Create(int? maxQuantityPerOrder, decimal? maxOrderValue, decimal? periodAmount, BudgetPeriod? period)
    {
        var errors = new Dictionary<string, string[]>();
        if (maxQuantityPerOrder is <= 0)
        {
            errors["maxQuantityPerOrder"] = [T.Get("Budget.MaxQuantity")];
        }

        if (maxOrderValue is <= 0 or > MaxAmount || decimal.Round(maxOrderValue ?? 0, 2) != (maxOrderValue ?? 0))
        {
            errors["maxOrderValue"] = [T.Get("Budget.MaxValue")];
        }

        if (periodAmount is <= 0 or > MaxAmount || decimal.Round(periodAmount ?? 0, 2) != (periodAmount ?? 0))
        {
            errors["periodAmount"] = [T.Get("Budget.PeriodAmount")];
        }

        if ((periodAmount is null) != (period is null))
        {
            errors["period"] = [T.Get("Budget.PeriodIncomplete")];
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        return new OrderBudget { MaxQuantityPerOrder = maxQuantityPerOrder, MaxOrderValue = maxOrderValue, PeriodAmount = periodAmount, Period = period };
    }
}
