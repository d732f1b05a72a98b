using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Ordering.Domain;

/// <summary>
/// What one buyer's approved and placed orders add up to in one budget period, in cents. Updated
/// with one conditional UPDATE so concurrent orders can never spend past the budget unapproved.
/// </summary>
public sealed class BudgetLedger : ICompanyOwned
{
    private BudgetLedger() { }

    public Guid? CompanyId { get; private set; }
    public Guid UserId { get; private set; }
    public DateOnly PeriodStart { get; private set; }
    public long SpentCents { get; private set; }

    public static BudgetLedger Open(Guid companyId, Guid userId, DateOnly periodStart) =>
        new() { CompanyId = companyId, UserId = userId, PeriodStart = periodStart };

    public static long Cents(decimal amount) => (long)decimal.Round(amount * 100m, MidpointRounding.AwayFromZero);
}
