using Uhrwerk.Server.Modules.Feedback.Analytics;

namespace Uhrwerk.Server.Modules.Feedback;

/// <summary>
/// Feedback with a closed loop: surveys after deliveries and per company, cases opened from poor answers and routed to
/// whoever answers the customer (own teams or partners), and the analytics over both.
/// </summary>
internal static class FeedbackModule
{
    public static IServiceCollection AddFeedback(this IServiceCollection services) => services
        .AddScoped<FeedbackAnalytics>();

    public static RouteGroupBuilder MapFeedback(this RouteGroupBuilder api)
    {
        var feedback = api.MapGroup("").WithTags("Feedback");
        AnalyticsEndpoints.Map(feedback);
        return api;
    }
}
