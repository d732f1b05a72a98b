using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Feedback.Analytics;

/// <summary>Whether the delivery asked about arrived on its promised day; Unknown for relationship surveys and unmeasured deliveries.</summary>
public enum Punctuality
{
    Unknown,
    OnTime,
    Late,
}

/// <summary>
/// What the answers of one Berlin day add up to, for one company and once more for all companies together
/// (<see cref="AllCompanies"/>), split by kind, carrier, warehouse and punctuality. The row with <see cref="FeedbackReasons.None"/>
/// counts every answer; a row with a reason counts the answers that named it, so scores per reason need no join. Analytics sum
/// these rows instead of a million answers; <see cref="FeedbackRollup"/> keeps them in the same transaction as each answer.
/// </summary>
public sealed class FeedbackDailyScore : ICompanyOwned
{
    /// <summary>The company of the rows that count every company's answers; a customer's tenant filter never shows them.</summary>
    public static readonly Guid AllCompanies = Guid.Empty;

    private FeedbackDailyScore() { }

    public Guid CompanyId { get; private set; }
    public DateOnly Day { get; private set; }
    public SurveyKind Kind { get; private set; }
    public string Carrier { get; private set; } = "";
    public string Warehouse { get; private set; } = "";
    public Punctuality Punctuality { get; private set; }
    public FeedbackReasons Reason { get; private set; }

    /// <summary>Invitations sent that day (only on the rows without a reason).</summary>
    public int Invited { get; private set; }

    public int Responses { get; private set; }
    public int Promoters { get; private set; }
    public int Detractors { get; private set; }
    public int CsatAnswers { get; private set; }
    public int CsatSatisfied { get; private set; }

    Guid? ICompanyOwned.CompanyId => CompanyId;
}
