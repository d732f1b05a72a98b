using Uhrwerk.Server.Modules.Feedback.Events;
using Uhrwerk.Server.Modules.Feedback.FollowUp;
using Uhrwerk.Server.Modules.Feedback.TrackingPage;
using Uhrwerk.Server.Modules.Tracking;
using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Feedback.RelationshipSurvey;

/// <summary>The surveys Feedback asks on its own account (per period, after a resolution) and its question on the tracking page.</summary>
internal static class RelationshipSurveySetup
{
    public static IServiceCollection AddRelationshipAndFollowUpSurveys(this IServiceCollection services)
    {
        services.AddOptions<RelationshipSurveyOptions>().BindConfiguration("Feedback:Relationship");
        services.AddScoped<RelationshipSurveys>();
        services.AddScoped<RelationshipSurveyConsents>();
        services.AddHostedService<RelationshipSurveyWorker>();
        services.AddOptions<FollowUpOptions>().BindConfiguration("Feedback:FollowUp");
        services.AddEventHandler<CaseResolved, AskWhetherSolved>(AskWhetherSolved.Handler);
        services.AddScoped<ITrackingPageSurvey, TrackingPageQuestion>();
        return services;
    }
}
