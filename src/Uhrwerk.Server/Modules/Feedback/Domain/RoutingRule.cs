using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.Domain;

/// <summary>Where a case comes from, as routing rules look at it: the company, where it is delivered to, and the reasons ticked.</summary>
public sealed record CaseOrigins(Guid CompanyId, string? Country, string? PostalCode, FeedbackReasons Reasons);

/// <summary>
/// Decides the owner of new cases: it matches when every condition it names holds (company; country; postal-code prefix; any of
/// the reasons) and routes to a team or a partner. Rules are tried by ascending priority, then by age; the first match wins,
/// and without one customer service owns the case (<see cref="CaseRouting"/>).
/// </summary>
public sealed class RoutingRule
{
    private RoutingRule() { }

    public Guid Id { get; private set; }
    public int Priority { get; private set; }
    public string Name { get; private set; } = "";
    public Guid? CompanyId { get; private set; }
    public string? Country { get; private set; }

    /// <summary>Postal-code prefixes separated by commas, e.g. "80,81,82".</summary>
    public string? PostalCodePrefixes { get; private set; }

    public FeedbackReasons Reasons { get; private set; }
    public StaffRole? Team { get; private set; }
    public Guid? PartnerId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static RoutingRule Create(string name, int priority, Guid? companyId, string? country, IReadOnlyList<string>? postalCodePrefixes, FeedbackReasons reasons,
        StaffRole? team, Guid? partnerId, DateTimeOffset now)
    {
        if ((team is null) == (partnerId is null))
        {
            throw ValidationFailedException.For("team", T.Get("Feedback.Rule.OneTarget"));
        }

        if (team == StaffRole.Partner)
        {
            throw ValidationFailedException.For("team", T.Get("Feedback.Rule.OneTarget"));
        }

        var prefixes = (postalCodePrefixes ?? []).Select(p => p.Trim()).Where(p => p.Length > 0).ToList();
        if (prefixes.Any(p => p.Length > 10 || !p.All(char.IsAsciiLetterOrDigit)))
        {
            throw ValidationFailedException.For("postalCodePrefixes", T.Get("Feedback.Rule.PostalPrefix"));
        }

        return new RoutingRule
        {
            Id = Guid.CreateVersion7(now),
            Name = ValidName(name),
            Priority = priority,
            CompanyId = companyId,
            Country = string.IsNullOrWhiteSpace(country) ? null : country.Trim().ToUpperInvariant(),
            PostalCodePrefixes = prefixes.Count == 0 ? null : string.Join(',', prefixes),
            Reasons = reasons,
            Team = team,
            PartnerId = partnerId,
            CreatedAt = now,
        };
    }

    private static string ValidName(string name) =>
        Platform.PlainText.Name("name", name.Trim()) is { Length: > 0 and <= 100 } valid ? valid : throw ValidationFailedException.For("name", T.Get("Feedback.Rule.Name"));

    public bool Matches(CaseOrigins origins) =>
        (CompanyId is null || CompanyId == origins.CompanyId)
        && (Country is null || string.Equals(Country, origins.Country?.Trim(), StringComparison.OrdinalIgnoreCase))
        && (PostalCodePrefixes is null || (origins.PostalCode is { } code && PostalCodePrefixes.Split(',').Any(p => code.Trim().StartsWith(p, StringComparison.OrdinalIgnoreCase))))
        && (Reasons == FeedbackReasons.None || (Reasons & origins.Reasons) != 0);
}

public static class CaseRouting
{
    /// <summary>The first matching rule by priority (then age) names the owner; partners that are gone do not count; none: customer service.</summary>
    public static (CaseOwner Owner, Guid? RuleId) Route(IEnumerable<RoutingRule> rules, IReadOnlyDictionary<Guid, string> activePartners, CaseOrigins origins)
    {
        foreach (var rule in rules.OrderBy(r => r.Priority).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id))
        {
            if (!rule.Matches(origins))
            {
                continue;
            }

            if (rule.Team is { } team)
            {
                return (CaseOwner.OfTeam(team), rule.Id);
            }

            if (activePartners.TryGetValue(rule.PartnerId!.Value, out var name))
            {
                return (CaseOwner.OfPartner(rule.PartnerId.Value, name), rule.Id);
            }
        }

        return (CaseOwner.CustomerService, null);
    }
}
