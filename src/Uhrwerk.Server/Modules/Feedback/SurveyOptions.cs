namespace Uhrwerk.Server.Modules.Feedback;

/// <summary>How transactional surveys are asked and answered (<c>Feedback:Surveys</c>).</summary>
public sealed class SurveyOptions
{
    /// <summary>Whether this instance runs the loop that sends due invitations (specs run its step themselves).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Working days after the delivery day the customer is asked, so the goods were unpacked first.</summary>
    public int DelayWorkingDays { get; set; } = 1;

    /// <summary>The Berlin hour of that day the invitation goes out: in office hours, not at night.</summary>
    public int SendHour { get; set; } = 9;

    /// <summary>How long the link answers after the invitation is due.</summary>
    public TimeSpan ValidFor { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the loop looks for due invitations.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Survey pages and API calls per minute and address: guessing tokens stays slow.</summary>
    public int RequestsPerMinute { get; set; } = 120;
}
