using Uhrwerk.Server.Platform.Problems;
using Uhrwerk.Server.Platform;
using Uhrwerk.Server.Platform.Localization;

namespace Uhrwerk.Server.Modules.Accounts.Domain;

/// <summary>Customer and invoice numbers as the ERP keys them: at most 40 characters, never empty.</summary>
internal static class ErpNumber
{
    public const int MaxLength = 40;

    public static string Checked(string number, string field) =>
        number is { Length: > 0 and <= MaxLength } ? number : throw ValidationFailedException.For(field, T.Format("Erp.NumberLength", MaxLength));
}

/// <summary>The ERP's view of a customer; the ERP is its master, Uhrwerk only mirrors it.</summary>
public sealed class ErpCustomer
{
    private List<Address> _addresses = [];

    private ErpCustomer() { }

    public string CustomerNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? VatId { get; private set; }
    public bool MayUseCustomerCenter { get; private set; }
    public IReadOnlyList<Address> Addresses => _addresses;

    public static ErpCustomer Create(string customerNumber) => new() { CustomerNumber = ErpNumber.Checked(customerNumber, "customerNumber") };

    public void Update(string name, string? vatId, bool mayUseCustomerCenter, IEnumerable<Address> addresses)
    {
        Name = PlainText.Name("name", name)!;
        VatId = vatId;
        MayUseCustomerCenter = mayUseCustomerCenter;
        _addresses = addresses.ToList();
    }
}

public sealed class ErpInvoice
{
    private ErpInvoice() { }

    public string InvoiceNumber { get; private set; } = "";
    public string CustomerNumber { get; private set; } = "";
    public DateOnly Date { get; private set; }
    public decimal Total { get; private set; }

    public static ErpInvoice Create(string invoiceNumber) => new() { InvoiceNumber = ErpNumber.Checked(invoiceNumber, "invoiceNumber") };

    public void Update(string customerNumber, DateOnly date, decimal total)
    {
        CustomerNumber = customerNumber;
        Date = date;
        Total = total;
    }
}

public sealed class ErpContact
{
    private ErpContact() { }

    public Guid Id { get; private set; }
    public string CustomerNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
    public string? Phone { get; private set; }

    public static ErpContact Create(string customerNumber, string email) =>
        new() { Id = Guid.NewGuid(), CustomerNumber = customerNumber, Email = email };

    public void Update(string name, string? phone)
    {
        Name = PlainText.Name("name", name)!;
        Phone = phone;
    }
}

/// <summary>Kept to rate-limit self-activation per IP and per customer number across instances.</summary>
public sealed class ActivationAttempt
{
    private ActivationAttempt() { }

    public Guid Id { get; private set; }
    public DateTimeOffset At { get; private set; }
    public string ClientIp { get; private set; } = "";
    public string CustomerNumber { get; private set; } = "";
    public bool Succeeded { get; private set; }

    public static ActivationAttempt Record(string clientIp, string customerNumber, bool succeeded, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), At = now, ClientIp = clientIp, CustomerNumber = customerNumber, Succeeded = succeeded };
}
