using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Feedback.Analytics;
using Uhrwerk.Server.Modules.Feedback.AnswerSurvey;
using Uhrwerk.Server.Modules.Feedback.Cases;
using Uhrwerk.Server.Modules.Feedback.Escalation;
using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Modules.Feedback.InviteAfterDelivery;
using Uhrwerk.Server.Modules.Feedback.Partners;
using Uhrwerk.Server.Modules.Feedback.RelationshipSurvey;
using Uhrwerk.Server.Modules.Feedback.Routing;
using Uhrwerk.Server.Modules.Feedback.SendInvitations;
using Uhrwerk.Server.Modules.Fulfillment.Events;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Feedback;

/// <summary>
/// Feedback with a closed loop: surveys after deliveries and per company, cases opened from poor answers and routed to
/// whoever answers the customer (own teams or partners), and the analytics over both.
/// </summary>
internal static class FeedbackModule
{
    /// <summary>The rate limit of the survey page and API that open with a token and without signing in: per address, so guessing tokens is slow.</summary>
    public const string SurveyRateLimit = "feedback-survey";

    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddOptions<SurveyOptions>().BindConfiguration("Feedback:Surveys");
        services.AddEventHandler<ShipmentDelivered, DeliverySurveyInvitations>(DeliverySurveyInvitations.Handler);
        services.AddScoped<SurveySender>();
        services.AddHostedService<SurveySendWorker>();
        services.AddScoped<SurveyAnswers>();
        services.AddScoped<FeedbackAnalytics>();
        services.AddRateLimiter(o => o.AddPolicy(SurveyRateLimit, http =>
        {
            var perMinute = http.RequestServices.GetRequiredService<IOptions<SurveyOptions>>().Value.RequestsPerMinute;
            return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "", _ =>
                new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        }));
        services.AddOptions<CaseOptions>().BindConfiguration("Feedback:Cases");
        services.AddScoped<CaseCallers>();
        services.AddScoped<CaseOpening>();
        services.AddScoped<CaseDesk>();
        services.AddScoped<RoutingRules>();
        services.AddScoped<PartnerDirectory>();
        services.AddScoped<CaseEscalation>();
        services.AddEventHandler<SurveyAnswered, CasesFromAnswers>(CasesFromAnswers.Handler);
        services.AddHostedService<CaseEscalationWorker>();
        return services.AddRelationshipAndFollowUpSurveys();
    }

    public static RouteGroupBuilder MapFeedback(this RouteGroupBuilder api)
    {
        var feedback = api.MapGroup("").WithTags("Feedback");
        SurveyEndpoints.Map(feedback);
        RelationshipSurveyEndpoints.Map(feedback);
        AnalyticsEndpoints.Map(feedback);
        CaseEndpoints.Map(feedback);
        RoutingRuleEndpoints.Map(feedback);
        PartnerEndpoints.Map(feedback);
        return api;
    }
}
