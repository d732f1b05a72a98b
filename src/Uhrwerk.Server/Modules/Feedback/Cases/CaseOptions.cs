using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Server.Modules.Feedback.Cases;

/// <summary>Feedback:Cases — the response promise and who takes over a case that missed it.</summary>
public sealed class CaseOptions
{
    /// <summary>Working hours within which the owner answers the customer.</summary>
    public int ResponseHours { get; set; } = 8;

    public TimeOnly WorkdayStarts { get; set; } = new(8, 0);

    public TimeOnly WorkdayEnds { get; set; } = new(17, 0);

    /// <summary>The staff role of the customer-service lead, who takes over a case past its due time.</summary>
    public StaffRole EscalateTo { get; set; } = StaffRole.Admin;

    /// <summary>Whether this instance runs the escalation check on a timer (tests run it themselves on a fake clock).</summary>
    public bool EscalationEnabled { get; set; } = true;

    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromMinutes(5);
}
