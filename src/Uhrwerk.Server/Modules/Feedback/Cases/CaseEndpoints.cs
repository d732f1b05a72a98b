using Microsoft.AspNetCore.Http.HttpResults;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Auth;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.Cases;

internal static class CaseEndpoints
{
    /// <summary>The same case endpoints for staff (all cases) and for partners (their own); the caller's scope decides, not the route.</summary>
    public static void Map(RouteGroupBuilder api)
    {
        var staff = api.MapGroup("/backoffice/feedback").RequirePermission(Permission.WorkFeedbackCases);
        MapCases(staff.MapGroup("/cases"));
        staff.MapPost("/cases/{caseId:guid}/reassign", Reassign).WithSummary("Hand a case to another team or partner");
        staff.MapPost("/responses/{responseId:guid}/flag", Flag).WithSummary("Flag a survey response's comment: opens its case (once per response)");
        MapCases(api.MapGroup("/partner/cases").RequirePermission(Permission.HandleFeedbackCases));
    }

    private static void MapCases(RouteGroupBuilder cases)
    {
        cases.MapGet("/", List).WithSummary("Feedback cases the caller may see, newest first; filter by status, owner, overdue, escalated");
        cases.MapGet("/{caseId:guid}", Get).WithSummary("A case with its notes");
        cases.MapPost("/{caseId:guid}/acknowledge", Acknowledge).WithSummary("The owner takes the case on");
        cases.MapPost("/{caseId:guid}/notes", Note).WithSummary("An internal note, or an answer the customer sees (visibleToCustomer)");
        cases.MapPost("/{caseId:guid}/resolve", Resolve).WithSummary("Resolve the case: the customer is told and asked whether it was solved");
        cases.MapPost("/{caseId:guid}/close", Close).WithSummary("Close a resolved case (a partner cannot close one the customer said is not solved)");
    }

    private static async Task<Ok<PagedList<CaseSummary>>> List([AsParameters] CaseFilter filter, CaseDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ListAsync(filter, ct));

    private static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> Get(Guid caseId, CaseDesk desk, CancellationToken ct) =>
        Found(await desk.FindAsync(caseId, ct));

    private static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> Acknowledge(Guid caseId, CaseDesk desk, CancellationToken ct) =>
        Found(await desk.AcknowledgeAsync(caseId, ct));

    private static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> Note(Guid caseId, CaseNoteRequest request, CaseDesk desk, CancellationToken ct) =>
        Found(await desk.AddNoteAsync(caseId, request, ct));

    private static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> Resolve(Guid caseId, ResolveCaseRequest request, CaseDesk desk, CancellationToken ct) =>
        Found(await desk.ResolveAsync(caseId, request, ct));

    private static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> Close(Guid caseId, CaseDesk desk, CancellationToken ct) =>
        Found(await desk.CloseAsync(caseId, ct));

    private static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> Reassign(Guid caseId, ReassignCaseRequest request, CaseDesk desk, CancellationToken ct) =>
        Found(await desk.ReassignAsync(caseId, request, ct));

    private static async Task<Results<Ok<CaseDetail>, ProblemHttpResult>> Flag(Guid responseId, CaseDesk desk, CancellationToken ct) =>
        await desk.FlagAsync(responseId, ct) is { } flagged ? TypedResults.Ok(flagged) : Problem.NotFound("NotFound.SurveyResponse");

    private static Results<Ok<CaseDetail>, ProblemHttpResult> Found(CaseDetail? found) =>
        found is not null ? TypedResults.Ok(found) : Problem.NotFound("NotFound.Case");
}
