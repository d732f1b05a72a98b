using Uhrwerk.Server.Platform.Localization;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts.Domain;

public enum PendingActivationStatus { Waiting, Confirmed, Refused }

/// <summary>
/// A self-activation with a valid customer and invoice number but an e-mail address the ERP does not
/// know for that customer: anyone holding one paper invoice could otherwise become main contact, so
/// it waits until customer service confirms or refuses it.
/// </summary>
public sealed class PendingActivation
{
    private PendingActivation() { }

    public Guid Id { get; private set; }
    public string CustomerNumber { get; private set; } = "";
    public string InvoiceNumber { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string? DisplayName { get; private set; }
    public string Language { get; private set; } = "de";
    public DateTimeOffset RequestedAt { get; private set; }
    public PendingActivationStatus Status { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? Reason { get; private set; }

    public static PendingActivation Queue(string customerNumber, string invoiceNumber, string email, string? displayName, string language, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        CustomerNumber = customerNumber,
        InvoiceNumber = invoiceNumber,
        Email = email,
        DisplayName = displayName,
        Language = language,
        RequestedAt = now,
        Status = PendingActivationStatus.Waiting,
    };

    public void Confirm(string by, DateTimeOffset now) => Decide(PendingActivationStatus.Confirmed, by, null, now);

    public void Refuse(string by, string? reason, DateTimeOffset now)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (reason is { Length: > 500 })
        {
            throw ValidationFailedException.For("reason", T.Get("ActivationQueue.ReasonTooLong"));
        }

        Decide(PendingActivationStatus.Refused, by, reason, now);
    }

    private void Decide(PendingActivationStatus to, string by, string? reason, DateTimeOffset now)
    {
        if (Status != PendingActivationStatus.Waiting)
        {
            throw new DomainException("activation_decided", T.Get("ActivationQueue.AlreadyDecided"));
        }

        (Status, DecidedBy, DecidedAt, Reason) = (to, by, now, reason);
    }
}

/// <summary>
/// Whether an e-mail address belongs to an ERP customer: it is one of the customer's ERP contacts or
/// at one of their domains. Free-mail domains are no proof of belonging, so they match only exactly.
/// </summary>
public static class KnownAddresses
{
    private static readonly HashSet<string> FreeMailDomains = new(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "web.de", "t-online.de", "freenet.de", "posteo.de", "mail.de",
        "outlook.com", "outlook.de", "hotmail.com", "hotmail.de", "live.com", "live.de", "yahoo.com", "yahoo.de", "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com",
    };

    public static bool Match(string email, IEnumerable<string> contactEmails)
    {
        var known = contactEmails.Select(e => e.Trim()).ToList();
        return known.Contains(email, StringComparer.OrdinalIgnoreCase)
            || (DomainOf(email) is { } domain && !FreeMailDomains.Contains(domain) && known.Any(k => string.Equals(DomainOf(k), domain, StringComparison.OrdinalIgnoreCase)));
    }

    private static string? DomainOf(string email) => email.LastIndexOf('@') is var at and > 0 ? email[(at + 1)..] : null;
}
