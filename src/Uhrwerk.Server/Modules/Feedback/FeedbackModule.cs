using Uhrwerk.Server.Modules.Feedback.Cases;
using Uhrwerk.Server.Modules.Feedback.Escalation;
using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Modules.Feedback.Partners;
using Uhrwerk.Server.Modules.Feedback.Routing;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Feedback;

/// <summary>
/// Feedback with a closed loop: surveys after deliveries and per company, cases opened from poor answers and routed to
/// whoever answers the customer (own teams or partners), and the analytics over both.
/// </summary>
internal static class FeedbackModule
{
    public static IServiceCollection AddFeedback(this IServiceCollection services)
    {
        services.AddOptions<CaseOptions>().BindConfiguration("Feedback:Cases");
        services.AddScoped<CaseCallers>();
        services.AddScoped<CaseOpening>();
        services.AddScoped<CaseDesk>();
        services.AddScoped<RoutingRules>();
        services.AddScoped<PartnerDirectory>();
        services.AddScoped<CaseEscalation>();
        services.AddEventHandler<SurveyAnswered, CasesFromAnswers>(CasesFromAnswers.Handler);
        services.AddHostedService<CaseEscalationWorker>();
        return services;
    }

    public static RouteGroupBuilder MapFeedback(this RouteGroupBuilder api)
    {
        var feedback = api.MapGroup("").WithTags("Feedback");
        CaseEndpoints.Map(feedback);
        RoutingRuleEndpoints.Map(feedback);
        PartnerEndpoints.Map(feedback);
        return api;
    }
}
