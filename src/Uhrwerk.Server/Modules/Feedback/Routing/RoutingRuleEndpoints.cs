using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.Routing;

/// <summary>A rule: the conditions it names must all hold (reasons: any of them); it routes to a team or a partner.</summary>
public sealed record RoutingRuleRequest(
    [property: Required, MaxLength(100)] string Name,
    int Priority,
    Guid? CompanyId,
    [property: MaxLength(2)] string? Country,
    IReadOnlyList<string>? PostalCodePrefixes,
    IReadOnlyList<FeedbackReasons>? Reasons,
    StaffRole? Team,
    Guid? PartnerId);

public sealed record RoutingRuleResponse(Guid Id, string Name, int Priority, Guid? CompanyId, string? Country, IReadOnlyList<string> PostalCodePrefixes,
    IReadOnlyList<string> Reasons, string? Team, Guid? PartnerId, DateTimeOffset CreatedAt);

/// <summary>Staff keep the rules that decide who owns a new case, tried by ascending priority; the first match wins.</summary>
internal sealed class RoutingRules(UhrwerkDbContext db, TimeProvider clock)
{
    private const int Max = 500;

    public async Task<IReadOnlyList<RoutingRuleResponse>> ListAsync(CancellationToken ct) =>
        (await db.RoutingRules.AsNoTracking().OrderBy(r => r.Priority).ThenBy(r => r.CreatedAt).Take(Max).ToListAsync(ct)).Select(Describe).ToList();

    public async Task<RoutingRuleResponse> CreateAsync(RoutingRuleRequest request, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        if (request.PartnerId is { } partnerId && !await db.Partners.AnyAsync(p => p.Id == partnerId && p.IsActive, ct))
        {
            throw ValidationFailedException.For("partnerId", T.Get("Feedback.Partner.Unknown"));
        }

        var rule = RoutingRule.Create(request.Name, request.Priority, request.CompanyId, request.Country, request.PostalCodePrefixes,
            FeedbackReasonList.Combine(request.Reasons ?? []), request.Team, request.PartnerId, clock.GetUtcNow());
        db.RoutingRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return Describe(rule);
    }

    public async Task<bool> DeleteAsync(Guid ruleId, CancellationToken ct) =>
        await db.RoutingRules.Where(r => r.Id == ruleId).ExecuteDeleteAsync(ct) > 0;

    private static RoutingRuleResponse Describe(RoutingRule r) =>
        new(r.Id, r.Name, r.Priority, r.CompanyId, r.Country, r.PostalCodePrefixes?.Split(',') ?? [], FeedbackReasonList.Of(r.Reasons).Select(x => x.ToString()).ToList(),
            r.Team?.ToString(), r.PartnerId, r.CreatedAt);
}

internal static class RoutingRuleEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/backoffice/feedback/routing-rules").RequirePermission(Permission.ManageFeedback);
        rules.MapGet("/", List).WithSummary("The case routing rules in the order they are tried");
        rules.MapPost("/", Create).WithSummary("Add a routing rule: company, country, postal-code prefixes, reasons → team or partner");
        rules.MapDelete("/{ruleId:guid}", Delete).WithSummary("Remove a routing rule (cases already routed keep their owner)");
    }

    private static async Task<Ok<IReadOnlyList<RoutingRuleResponse>>> List(RoutingRules rules, CancellationToken ct) => TypedResults.Ok(await rules.ListAsync(ct));

    private static async Task<Created<RoutingRuleResponse>> Create(RoutingRuleRequest request, RoutingRules rules, CancellationToken ct)
    {
        var created = await rules.CreateAsync(request, ct);
        return TypedResults.Created($"/api/v1/backoffice/feedback/routing-rules/{created.Id}", created);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid ruleId, RoutingRules rules, CancellationToken ct) =>
        await rules.DeleteAsync(ruleId, ct) ? TypedResults.NoContent() : Problem.NotFound("NotFound.RoutingRule");
}
