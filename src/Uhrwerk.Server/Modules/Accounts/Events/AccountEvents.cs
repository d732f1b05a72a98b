using Uhrwerk.Server.Platform.Outbox;

namespace Uhrwerk.Server.Modules.Accounts.Events;

public enum LinkPurpose { Activation, Invitation, EmailChange, EmailChangeReport }

/// <summary>
/// A link that lets a person set a password, confirm an address or, sent to the old address, report
/// a change of it they did not want; Notifications e-mails it to <paramref name="Email"/>.
/// </summary>
/// <param name="NewEmail">The address a change goes to, when the link is about one; version 1 payloads have none.</param>
[Event("AccountLinkIssued", 1)]
public sealed record AccountLinkIssued(LinkPurpose Purpose, Guid UserId, string Email, string DisplayName, string Language, string Link, string? NewEmail = null);

/// <summary>Told to the ERP: the company or its data changed in the customer center.</summary>
[Event("CompanyChanged", 1)]
public sealed record CompanyChanged(Guid CompanyId, string CustomerNumber, string Change);

/// <summary>Told to the ERP: a contact (user) of a company was created or changed.</summary>
[Event("ContactChanged", 1)]
public sealed record ContactChanged(Guid CompanyId, string CustomerNumber, Guid UserId, string Email, string DisplayName, bool IsActive, string Change);
