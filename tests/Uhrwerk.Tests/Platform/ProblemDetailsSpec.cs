using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Uhrwerk.Tests.Platform;

/// <summary>Every error a client can cause is an RFC 9457 problem, never a stack trace or an empty page.</summary>
public abstract class ProblemDetailsSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private static MultipartFormDataContent Csv(string text) =>
        new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "erp.csv" } };

    [Fact]
    public async Task Unknown_routes_missing_sign_in_missing_rights_and_malformed_json_are_problems()
    {
        var buyer = await SignInAsync(UserOf(CompanyA, Server.Modules.Accounts.Domain.PredefinedRole.Buyer));

        await ProblemOf(await buyer.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
        await ProblemOf(await Anonymous().GetAsync("/api/v1/company/users"), HttpStatusCode.Unauthorized);
        await ProblemOf(await buyer.GetAsync("/api/v1/company/users"), HttpStatusCode.Forbidden);
        var malformed = await Anonymous().PostAsync("/api/v1/activation", new StringContent("{\"customerNumber\": ", Encoding.UTF8, "application/json"));
        var problem = await ProblemOf(malformed, HttpStatusCode.BadRequest);
        Assert.DoesNotContain("   at ", problem.ToString());
    }

    [Fact]
    public async Task Missing_required_fields_are_reported_per_field()
    {
        var problem = await ProblemOf(await Anonymous().PostAsJsonAsync("/api/v1/activation", new { customerNumber = "10001" }), HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("invoiceNumber", out _), problem.ToString());
        Assert.True(errors.TryGetProperty("email", out _), problem.ToString());
    }

    [Fact]
    public async Task A_bad_csv_row_is_reported_with_its_line_number_and_nothing_of_the_file_is_saved()
    {
        var service = await SignInAsync("service@uhrwerk.example");
        const string header = "customer_number;name;vat_id;may_use_customer_center;billing_street;billing_postal_code;billing_city;billing_country\n";
        var file = header
            + "30001;Erste GmbH;DE1;ja;Weg 1;01067;Dresden;DE\n"
            + "30002;;DE2;vielleicht;Weg 2;01067;Dresden;Deutschland\n"
            + "30003;Dritte AG;;nein;Weg 3;01067;Dresden;DE\n"
            + "30001;Doppelt GmbH;;ja;Weg 4;01067;Dresden;DE\n";

        var problem = await ProblemOf(await service.PostAsync("/api/v1/backoffice/imports/erp-customers", Csv(file)), HttpStatusCode.UnprocessableEntity);

        var errors = problem.GetProperty("errors").EnumerateArray().Select(e => (Line: e.GetProperty("line").GetInt32(), Field: e.GetProperty("field").GetString())).ToList();
        Assert.Contains((3, "name"), errors);
        Assert.Contains((3, "may_use_customer_center"), errors);
        Assert.Contains((3, "billing_country"), errors);
        Assert.Contains((5, "customer_number"), errors);
        Assert.DoesNotContain(errors, e => e.Line is 2 or 4);
        Assert.False(await InScopeAsync(db => db.ErpCustomers.AnyAsync(c => c.CustomerNumber == "30001" || c.CustomerNumber == "30003")));

        var fixedFile = header + "30001;Erste GmbH;DE1;ja;Weg 1;01067;Dresden;DE\n30003;Dritte AG;;nein;Weg 3;01067;Dresden;DE\n";
        var imported = await service.PostAsync("/api/v1/backoffice/imports/erp-customers", Csv(fixedFile));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(2, await InScopeAsync(db => db.ErpCustomers.CountAsync(c => c.CustomerNumber == "30001" || c.CustomerNumber == "30003")));
    }

    [Fact]
    public async Task Imported_invoices_and_contacts_make_a_company_activatable()
    {
        var service = await SignInAsync("service@uhrwerk.example");
        await service.PostAsync("/api/v1/backoffice/imports/erp-customers", Csv("customer_number,name,may_use_customer_center,billing_street,billing_postal_code,billing_city,billing_country\n40001,Import KG,1,Allee 5,04109,Leipzig,DE\n"));
        Assert.Equal(HttpStatusCode.OK, (await service.PostAsync("/api/v1/backoffice/imports/erp-invoices", Csv("invoice_number,customer_number,date,total\nRE-40001,40001,15.10.2026,\"1234,50\"\n"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await service.PostAsync("/api/v1/backoffice/imports/erp-contacts", Csv("customer_number,name,email,phone\n40001,Ida Import,ida@import.example,\n"))).StatusCode);

        var activation = await Visitor("192.0.2.40").PostAsJsonAsync("/api/v1/activation", new { customerNumber = "40001", invoiceNumber = "RE-40001", email = "ida@import.example" });

        Assert.Equal(HttpStatusCode.Accepted, activation.StatusCode);
        Assert.Equal("Ida Import", await InScopeAsync(db => db.Users.Where(u => u.Email == "ida@import.example").Select(u => u.DisplayName).SingleAsync()));
        Assert.Equal(1234.50m, await InScopeAsync(db => db.ErpInvoices.Where(i => i.InvoiceNumber == "RE-40001").Select(i => i.Total).SingleAsync()));
    }
}

public sealed class ProblemDetailsOnSqlite(SqliteFactory f) : ProblemDetailsSpec(f), IClassFixture<SqliteFactory>;

public sealed class ProblemDetailsOnPostgres(PostgresFactory f) : ProblemDetailsSpec(f), IClassFixture<PostgresFactory>;
