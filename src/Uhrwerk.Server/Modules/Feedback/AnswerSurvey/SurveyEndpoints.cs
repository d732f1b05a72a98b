using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Feedback.AnswerSurvey;

/// <summary>The survey as JSON for integrations (e.g. a survey in the customer's own app), opened by the link's token like the page.</summary>
internal static class SurveyEndpoints
{
    public static void Map(RouteGroupBuilder feedback)
    {
        var surveys = feedback.MapGroup("/feedback/surveys/{token}").AllowAnonymous().RequireRateLimiting(FeedbackModule.SurveyRateLimit);
        surveys.MapGet("", Question)
            .WithSummary("What a survey link asks (kind, fields, reasons) and whether it is open, answered or expired")
            .ProducesProblem(StatusCodes.Status404NotFound);
        surveys.MapPost("", Answer)
            .WithSummary("Answer a survey by its link's token: once; an answered or expired survey is refused with a 409 problem")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<SurveyQuestion>, ProblemHttpResult>> Question(string token, SurveyAnswers surveys, CancellationToken ct) =>
        await surveys.FindAsync(token, ct) is { } question ? TypedResults.Ok(question) : Problem.NotFound("NotFound.Survey");

    private static async Task<Results<Ok<SurveyAnswerReceived>, ProblemHttpResult>> Answer(string token, SurveyAnswerRequest answer, SurveyAnswers surveys, CancellationToken ct) =>
        await surveys.AnswerAsync(token, answer, ct) is { } received ? TypedResults.Ok(received) : Problem.NotFound("NotFound.Survey");
}
