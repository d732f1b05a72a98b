namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>
/// The one place that decides which cases a caller sees. Partner users have no company, so the tenant filter would show them
/// every company's rows: every query a partner can reach goes through <see cref="Visible"/>, which keeps them to their partner's
/// cases. Staff see all cases; anybody else none.
/// </summary>
public sealed record CaseScope(bool AllCases, Guid? PartnerId)
{
    public static readonly CaseScope Staff = new(true, null);
    public static readonly CaseScope Nothing = new(false, null);

    public static CaseScope OfPartner(Guid partnerId) => new(false, partnerId);

    public IQueryable<FeedbackCase> Visible(IQueryable<FeedbackCase> cases) =>
        AllCases ? cases : PartnerId is { } partner ? cases.Where(c => c.OwnerPartnerId == partner) : cases.Where(c => false);
}
