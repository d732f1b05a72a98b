using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Feedback.Domain;
using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.AnswerSurvey;

/// <summary>What a survey link asks. <paramref name="State"/> is Open, Answered or Expired; <paramref name="Asks"/> names the fields an answer carries.</summary>
public sealed record SurveyQuestion(string Kind, string State, string? OrderNumber, string? Period, DateTimeOffset ExpiresAt, IReadOnlyList<string> Asks, IReadOnlyList<string> Reasons);

/// <summary>
/// An answer. Delivery and relationship surveys: <paramref name="Nps"/> 0–10 (required), <paramref name="Csat"/> 1–5 (optional),
/// <paramref name="Reasons"/> by name, a comment. A follow-up: <paramref name="Solved"/> (required) and a comment.
/// </summary>
public sealed record SurveyAnswerRequest(int? Nps, int? Csat, IReadOnlyList<string>? Reasons, string? Comment, bool? Solved);

public sealed record SurveyAnswerReceived(Guid ResponseId, string Message);

/// <summary>
/// Answering a survey by its link, without signing in: the token is the key, so a wrong one names nothing. The response and
/// the <see cref="SurveyAnswered"/> event commit together; of two submits of one link exactly one is kept (the
/// invitation's concurrency token and the unique index on the response's invitation both see to it), the other is told the
/// survey was answered.
/// </summary>
internal sealed class SurveyAnswers(UhrwerkDbContext db, TimeProvider clock)
{
    private const int MaxTokenLength = 40;

    public async Task<SurveyQuestion?> FindAsync(string token, CancellationToken ct) =>
        await InvitationAsync(token, tracked: false, ct) is { } invitation ? QuestionOf(invitation, clock.GetUtcNow()) : null;

    /// <summary>Null when no survey has this token.</summary>
    public async Task<SurveyAnswerReceived?> AnswerAsync(string token, SurveyAnswerRequest answer, CancellationToken ct)
    {
        if (await InvitationAsync(token, tracked: true, ct) is not { } invitation)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var response = invitation.Kind == SurveyKind.FollowUp
            ? invitation.AnswerFollowUp(answer.Solved ?? throw ValidationFailedException.For("solved", T.Get("Feedback.SolvedRequired")), answer.Comment, now)
            : invitation.Answer(answer.Nps ?? throw ValidationFailedException.For("nps", T.Get("Feedback.NpsRange")), answer.Csat, ReasonsOf(answer.Reasons), answer.Comment, now);
        db.SurveyResponses.Add(response);
        db.Publish(SurveyAnswered.Of(response), response.CompanyId, response.Id);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || DatabaseErrors.IsUniqueViolation(e))
        {
            throw new DomainException("survey-answered", T.Get("Feedback.AlreadyAnswered"));
        }

        return new SurveyAnswerReceived(response.Id, T.Get("Feedback.Thanks"));
    }

    private async Task<SurveyInvitation?> InvitationAsync(string token, bool tracked, CancellationToken ct)
    {
        if (token.Length is 0 or > MaxTokenLength)
        {
            return null;
        }

        var invitations = db.SurveyInvitations.IgnoreQueryFilters();
        return await (tracked ? invitations : invitations.AsNoTracking()).SingleOrDefaultAsync(i => i.Token == token, ct);
    }

    private static SurveyQuestion QuestionOf(SurveyInvitation invitation, DateTimeOffset now) => new(
        invitation.Kind.ToString(),
        invitation.IsAnswered ? "Answered" : invitation.IsExpired(now) ? "Expired" : "Open",
        invitation.OrderNumber,
        invitation.Period,
        invitation.ExpiresAt,
        invitation.Kind switch
        {
            SurveyKind.FollowUp => ["solved", "comment"],
            SurveyKind.Delivery => ["nps", "csat", "reasons", "comment"],
            _ => ["nps", "reasons", "comment"],
        },
        invitation.Kind == SurveyKind.FollowUp ? [] : FeedbackReasonList.All.Select(r => r.ToString()).ToList());

    private static FeedbackReasons ReasonsOf(IReadOnlyList<string>? names) => FeedbackReasonList.Combine((names ?? []).Select(name =>
        Enum.TryParse<FeedbackReasons>(name, ignoreCase: true, out var reason) && FeedbackReasonList.All.Contains(reason)
            ? reason
            : throw ValidationFailedException.For("reasons", T.Get("Feedback.UnknownReason"))));
}
