namespace Uhrwerk.Server.Modules.Accounts.Events;

public enum LinkPurpose { Activation, Invitation, EmailChange }

/// <summary>A link that lets a person set a password or confirm an address; Notifications e-mails it.</summary>
public sealed record AccountLinkIssued(LinkPurpose Purpose, Guid UserId, string Email, string DisplayName, string Language, string Link);

/// <summary>Told to the ERP: the company or its data changed in the customer center.</summary>
public sealed record CompanyChanged(Guid CompanyId, string CustomerNumber, string Change);

/// <summary>Told to the ERP: a contact (user) of a company was created or changed.</summary>
public sealed record ContactChanged(Guid CompanyId, string CustomerNumber, Guid UserId, string Email, string DisplayName, bool IsActive, string Change);
