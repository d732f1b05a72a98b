namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>
/// Why a customer gave the score they gave, as they tick it on the survey. Flags, because one answer may name several and
/// analytics count per reason with one bit test instead of a join.
/// </summary>
[Flags]
public enum FeedbackReasons
{
    None = 0,
    Punctuality = 1,
    Completeness = 2,
    Condition = 4,
    Communication = 8,
    Product = 16,
    Service = 32,
    Other = 64,
}

public static class FeedbackReasonList
{
    public static readonly IReadOnlyList<FeedbackReasons> All =
        [FeedbackReasons.Punctuality, FeedbackReasons.Completeness, FeedbackReasons.Condition, FeedbackReasons.Communication, FeedbackReasons.Product, FeedbackReasons.Service, FeedbackReasons.Other];

    public static IReadOnlyList<FeedbackReasons> Of(FeedbackReasons reasons) => All.Where(r => reasons.HasFlag(r)).ToList();

    public static FeedbackReasons Combine(IEnumerable<FeedbackReasons> reasons) => reasons.Aggregate(FeedbackReasons.None, (all, r) => all | r);
}
