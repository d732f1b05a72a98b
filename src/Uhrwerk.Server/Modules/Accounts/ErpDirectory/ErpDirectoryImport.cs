using Microsoft.EntityFrameworkCore;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Csv;
using Uhrwerk.Server.Platform.Data;

namespace Uhrwerk.Server.Modules.Accounts.ErpDirectory;

public enum ErpImportKind { Customers, Invoices, Contacts }

public sealed record ErpCustomerData(string CustomerNumber, string Name, string? VatId, bool MayUseCustomerCenter, IReadOnlyList<Address> Addresses);

public sealed record ErpInvoiceData(string InvoiceNumber, string CustomerNumber, DateOnly Date, decimal Total);

public sealed record ErpContactData(string CustomerNumber, string Name, string Email, string? Phone);

/// <summary>
/// Mirrors the ERP's customers, invoices and contacts, from CSV files or pushed one by one
/// through the API. A file is applied whole or not at all.
/// </summary>
internal sealed class ErpDirectoryImport(UhrwerkDbContext db)
{
    public static readonly IReadOnlyDictionary<ErpImportKind, string[]> Columns = new Dictionary<ErpImportKind, string[]>
    {
        [ErpImportKind.Customers] = ["customer_number", "name", "vat_id", "may_use_customer_center", "billing_street", "billing_postal_code", "billing_city", "billing_country", "shipping_street", "shipping_postal_code", "shipping_city", "shipping_country"],
        [ErpImportKind.Invoices] = ["invoice_number", "customer_number", "date", "total"],
        [ErpImportKind.Contacts] = ["customer_number", "name", "email", "phone"],
    };

    public async Task<ImportResult> ImportAsync(ErpImportKind kind, Stream csv, IProgress<int>? progress, CancellationToken ct)
    {
        var errors = new List<ImportError>();
        var required = Columns[kind].Where(c => !c.StartsWith("shipping_", StringComparison.Ordinal) && c is not ("vat_id" or "phone")).ToArray();
        (int Created, int Updated) counts;
        int rows;
        switch (kind)
        {
            case ErpImportKind.Customers:
                var customers = CsvImport.Read(csv, required, ParseCustomer, errors, progress);
                Unique(customers, c => c.Data.CustomerNumber, c => c.Line, "customer_number", errors);
                rows = customers.Count;
                counts = errors.Count > 0 ? default : await UpsertCustomersAsync(customers.Select(c => c.Data).ToList(), ct);
                break;
            case ErpImportKind.Invoices:
                var invoices = CsvImport.Read(csv, required, r => (r.Line, Data: new ErpInvoiceData(r.Required("invoice_number", 40), r.Required("customer_number", 40), r.Date("date"), r.Decimal("total"))), errors, progress);
                Unique(invoices, i => i.Data.InvoiceNumber, i => i.Line, "invoice_number", errors);
                rows = invoices.Count;
                counts = errors.Count > 0 ? default : await UpsertInvoicesAsync(invoices.Select(i => i.Data).ToList(), ct);
                break;
            default:
                var contacts = CsvImport.Read(csv, required, ParseContact, errors, progress);
                Unique(contacts, c => c.Data.CustomerNumber + "/" + c.Data.Email, c => c.Line, "email", errors);
                rows = contacts.Count;
                counts = errors.Count > 0 ? default : await UpsertContactsAsync(contacts.Select(c => c.Data).ToList(), ct);
                break;
        }

        if (errors.Count > 0)
        {
            return ImportResult.Failed(rows, errors.OrderBy(e => e.Line).ToList());
        }

        await db.SaveChangesAsync(ct);
        return new ImportResult(rows, counts.Created, counts.Updated, []);
    }

    public async Task<(int Created, int Updated)> UpsertCustomersAsync(IReadOnlyList<ErpCustomerData> data, CancellationToken ct)
    {
        var numbers = data.Select(d => d.CustomerNumber).ToList();
        var existing = await db.ErpCustomers.Where(c => numbers.Contains(c.CustomerNumber)).ToDictionaryAsync(c => c.CustomerNumber, ct);
        var companies = await db.Companies.Where(c => numbers.Contains(c.CustomerNumber)).ToDictionaryAsync(c => c.CustomerNumber, ct);
        foreach (var d in data)
        {
            if (!existing.TryGetValue(d.CustomerNumber, out var customer))
            {
                customer = ErpCustomer.Create(d.CustomerNumber);
                db.ErpCustomers.Add(customer);
            }

            customer.Update(d.Name, d.VatId, d.MayUseCustomerCenter, d.Addresses);
            if (companies.TryGetValue(d.CustomerNumber, out var company))
            {
                company.SyncFrom(customer);
            }
        }

        return (data.Count - existing.Count, existing.Count);
    }

    public async Task<(int Created, int Updated)> UpsertInvoicesAsync(IReadOnlyList<ErpInvoiceData> data, CancellationToken ct)
    {
        var numbers = data.Select(d => d.InvoiceNumber).ToList();
        var existing = await db.ErpInvoices.Where(i => numbers.Contains(i.InvoiceNumber)).ToDictionaryAsync(i => i.InvoiceNumber, ct);
        foreach (var d in data)
        {
            if (!existing.TryGetValue(d.InvoiceNumber, out var invoice))
            {
                invoice = ErpInvoice.Create(d.InvoiceNumber);
                db.ErpInvoices.Add(invoice);
            }

            invoice.Update(d.CustomerNumber, d.Date, d.Total);
        }

        return (data.Count - existing.Count, existing.Count);
    }

    public async Task<(int Created, int Updated)> UpsertContactsAsync(IReadOnlyList<ErpContactData> data, CancellationToken ct)
    {
        var numbers = data.Select(d => d.CustomerNumber).Distinct().ToList();
        var existing = (await db.ErpContacts.Where(c => numbers.Contains(c.CustomerNumber)).ToListAsync(ct)).ToDictionary(c => (c.CustomerNumber, c.Email));
        var created = 0;
        foreach (var d in data)
        {
            if (!existing.TryGetValue((d.CustomerNumber, d.Email), out var contact))
            {
                contact = ErpContact.Create(d.CustomerNumber, d.Email);
                db.ErpContacts.Add(contact);
                existing[(d.CustomerNumber, d.Email)] = contact;
                created++;
            }

            contact.Update(d.Name, d.Phone);
        }

        return (created, data.Count - created);
    }

    private static (int Line, ErpCustomerData Data) ParseCustomer(CsvRow r)
    {
        var addresses = new List<Address> { new(AddressKind.Billing, r.Required("billing_street"), r.Required("billing_postal_code", 20), r.Required("billing_city", 100), Country(r, "billing_country")) };
        if (r.Optional("shipping_street") is { } street)
        {
            addresses.Add(new Address(AddressKind.Shipping, street, r.Required("shipping_postal_code", 20), r.Required("shipping_city", 100), Country(r, "shipping_country")));
        }

        return (r.Line, new ErpCustomerData(r.Required("customer_number", 40), r.Required("name"), r.Optional("vat_id", 40), r.Bool("may_use_customer_center"), addresses));
    }

    private static (int Line, ErpContactData Data) ParseContact(CsvRow r)
    {
        var email = r.Required("email", 254);
        try
        {
            email = EmailAddress.Normalize(email);
        }
        catch (Platform.Problems.ValidationFailedException)
        {
            r.Error("email", Platform.Localization.T.Format("Import.InvalidEmail", email));
        }

        return (r.Line, new ErpContactData(r.Required("customer_number", 40), r.Required("name"), email, r.Optional("phone", 40)));
    }

    private static string Country(CsvRow r, string column)
    {
        var country = r.Required(column, 2).ToUpperInvariant();
        if (country.Length != 2 || !country.All(char.IsAsciiLetterUpper))
        {
            r.Error(column, Platform.Localization.T.Get("Import.CountryCode"));
        }

        return country;
    }

    private static void Unique<T>(IEnumerable<T> rows, Func<T, string> key, Func<T, int> line, string column, List<ImportError> errors)
    {
        foreach (var duplicate in rows.GroupBy(key).Where(g => g.Count() > 1).SelectMany(g => g.Skip(1)))
        {
            errors.Add(new ImportError(line(duplicate), column, Platform.Localization.T.Format("Import.Duplicate", key(duplicate))));
        }
    }
}
