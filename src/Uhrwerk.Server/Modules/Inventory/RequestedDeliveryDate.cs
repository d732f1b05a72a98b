using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Inventory;

/// <summary>
/// The day a customer asks delivery for: from today (in Germany) up to two years ahead. Nobody plans
/// deliveries further out and the working calendars end, so a date outside is a validation problem on
/// every path that takes one, before anything is drawn, reserved or promised.
/// </summary>
public static class RequestedDeliveryDate
{
    public const int YearsAhead = 2;

    public static DateOnly Latest(DateOnly today) => today.AddYears(YearsAhead);

    /// <summary>A date a client sends now: not past, not beyond <see cref="Latest"/>.</summary>
    public static DateOnly? Accept(DateOnly? requested, DateOnly today, string field = "requestedDeliveryDate") =>
        requested is { } date && date < today
            ? throw ValidationFailedException.For(field, T.Get("Ordering.DateInPast"))
            : Plannable(requested, today, field);

    /// <summary>
    /// A date accepted earlier, e.g. on an order waiting for approval: it may have passed meanwhile (then it
    /// means as soon as possible), but it is never beyond <see cref="Latest"/>.
    /// </summary>
    public static DateOnly? Plannable(DateOnly? requested, DateOnly today, string field = "requestedDeliveryDate") =>
        requested is { } date && date > Latest(today)
            ? throw ValidationFailedException.For(field, T.Format("Ordering.DateTooFar", PromiseTexts.Date(Latest(today))))
            : requested;
}
