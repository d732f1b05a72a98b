using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Modules.Accounts.Events;
using Uhrwerk.Server.Modules.Accounts.Identity;
using Uhrwerk.Server.Platform.Data;
using Uhrwerk.Server.Platform.Problems;

namespace Uhrwerk.Server.Modules.Accounts.ActivateCompany;

public sealed record ActivationRequest(
    [property: Required, StringLength(40)] string CustomerNumber,
    [property: Required, StringLength(40)] string InvoiceNumber,
    [property: Required, StringLength(254)] string Email,
    [property: StringLength(200)] string? DisplayName = null,
    [property: RegularExpression("de|en")] string? Language = null);

public enum ActivationOutcome { Activated, DataDoNotMatch, AlreadyActive, EmailInUse, TooManyAttempts, AwaitsConfirmation }

public sealed class ActivationOptions
{
    public int MaxFailuresPerIp { get; set; } = 10;
    public int MaxFailuresPerCustomerNumber { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>
/// A visitor proves they belong to an ERP customer with an invoice number of that customer and an
/// e-mail address the ERP knows for it (a contact's, or at a contact's domain); the company, its
/// predefined roles and its main contact are created and a set-password link is sent. With an
/// address the ERP does not know, the request waits for customer service (<see cref="ActivationQueue"/>).
/// Every kind of wrong data gets the same outcome, so the answer reveals nothing.
/// </summary>
internal sealed class ActivateCompanyHandler(
    UhrwerkDbContext db, UserManager<UserAccount> users, CompanyActivation activation,
    TimeProvider clock, IOptions<ActivationOptions> options)
{
    public async Task<ActivationOutcome> HandleAsync(ActivationRequest request, string clientIp, CancellationToken ct)
    {
        RequestValidation.Validate(request);
        var now = clock.GetUtcNow();
        var customerNumber = request.CustomerNumber.Trim();
        var since = now - options.Value.Window;
        var failuresFromIp = await db.ActivationAttempts.CountAsync(a => a.ClientIp == clientIp && !a.Succeeded && a.At >= since, ct);
        var failuresForCustomer = await db.ActivationAttempts.CountAsync(a => a.CustomerNumber == customerNumber && !a.Succeeded && a.At >= since, ct);
        if (failuresFromIp >= options.Value.MaxFailuresPerIp || failuresForCustomer >= options.Value.MaxFailuresPerCustomerNumber)
        {
            return ActivationOutcome.TooManyAttempts;
        }

        var outcome = await TryActivateAsync(request with { CustomerNumber = customerNumber }, ct);
        db.ActivationAttempts.Add(ActivationAttempt.Record(clientIp, customerNumber, outcome == ActivationOutcome.Activated, now));
        await db.SaveChangesAsync(ct);
        return outcome;
    }

    private async Task<ActivationOutcome> TryActivateAsync(ActivationRequest request, CancellationToken ct)
    {
        var customer = await db.ErpCustomers.SingleOrDefaultAsync(c => c.CustomerNumber == request.CustomerNumber, ct);
        var invoiceMatches = await db.ErpInvoices.AnyAsync(i => i.InvoiceNumber == request.InvoiceNumber.Trim() && i.CustomerNumber == request.CustomerNumber, ct);
        string email;
        try
        {
            email = EmailAddress.Normalize(request.Email);
        }
        catch (Platform.Problems.ValidationFailedException)
        {
            return ActivationOutcome.DataDoNotMatch;
        }

        if (customer is not { MayUseCustomerCenter: true } || !invoiceMatches)
        {
            return ActivationOutcome.DataDoNotMatch;
        }

        if (await db.Companies.AnyAsync(c => c.CustomerNumber == customer.CustomerNumber, ct))
        {
            return ActivationOutcome.AlreadyActive;
        }

        if (await users.FindByEmailAsync(email) is not null)
        {
            return ActivationOutcome.EmailInUse;
        }

        var contacts = await db.ErpContacts.Where(c => c.CustomerNumber == customer.CustomerNumber).Select(c => c.Email).ToListAsync(ct);
        var language = request.Language ?? Platform.Localization.LocalizationSetup.Current;
        if (!KnownAddresses.Match(email, contacts))
        {
            await QueueAsync(request, email, language, ct);
            return ActivationOutcome.AwaitsConfirmation;
        }

        await activation.ActivateAsync(customer, email, request.DisplayName, language, ct);
        return ActivationOutcome.Activated;
    }

    /// <summary>Once per customer and address: asking again while it waits changes nothing and sends nothing.</summary>
    private async Task QueueAsync(ActivationRequest request, string email, string language, CancellationToken ct)
    {
        if (await db.PendingActivations.AnyAsync(p => p.CustomerNumber == request.CustomerNumber && p.Email == email && p.Status == PendingActivationStatus.Waiting, ct))
        {
            return;
        }

        var displayName = request.DisplayName is { Length: > 0 } n ? n.Trim() : null;
        var pending = PendingActivation.Queue(request.CustomerNumber, request.InvoiceNumber.Trim(), email, displayName, language, clock.GetUtcNow());
        db.PendingActivations.Add(pending);
        db.Publish(new ActivationAwaitsConfirmation(pending.Id, email, displayName ?? email.Split('@')[0], language, pending.CustomerNumber), null);
    }
}

/// <summary>Creates the company of an ERP customer with its predefined roles and main contact, and sends the set-password link.</summary>
internal sealed class CompanyActivation(UhrwerkDbContext db, UserManager<UserAccount> users, AccountLinks links, CustomerCenterLog log, TimeProvider clock)
{
    public async Task<Company> ActivateAsync(ErpCustomer customer, string email, string? displayName, string language, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var company = Company.ActivateFrom(customer, now);
        var roles = CompanyRole.PredefinedFor(company.Id, now);
        var knownName = await db.ErpContacts.Where(c => c.CustomerNumber == customer.CustomerNumber && c.Email == email).Select(c => c.Name).FirstOrDefaultAsync(ct);
        var mainContact = UserAccount.NewCustomerUser(company.Id, displayName is { Length: > 0 } n ? n : knownName ?? email.Split('@')[0], email,
            language, roles.Where(r => r.Predefined == PredefinedRole.Administrator), ActingUser.System, now);
        await NewUsers.PrepareAsync(users, mainContact);
        company.AppointMainContact(mainContact.Id, mainContact.CompanyId);

        db.Companies.Add(company);
        db.CompanyRoles.AddRange(roles);
        db.Users.Add(mainContact);
        log.Record(company.Id, "company.activated", company.Name, null, new { company.CustomerNumber, company.Name, MainContact = email },
            new CompanyChanged(company.Id, company.CustomerNumber, "activated"));
        log.Record(company.Id, "user.created", email, null, UserSnapshot.Of(mainContact),
            new ContactChanged(company.Id, company.CustomerNumber, mainContact.Id, email, mainContact.DisplayName, true, "created"));
        db.Publish(await links.SetPasswordAsync(mainContact, LinkPurpose.Activation), company.Id);
        return company;
    }
}
