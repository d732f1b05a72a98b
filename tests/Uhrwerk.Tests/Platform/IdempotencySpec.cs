using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Idempotency;

namespace Uhrwerk.Tests.Platform;

/// <summary>The idempotency filter on a POST other than orders: defining a custom role.</summary>
public abstract class IdempotencySpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private const string Roles = "/api/v1/company/roles";

    private static HttpRequestMessage Define(string key, string name, params string[] permissions)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Roles) { Content = JsonContent.Create(new { name, permissions }) };
        request.Headers.Add(IdempotentRequests.Header, key);
        return request;
    }

    private Task<int> RolesNamedAsync(Guid companyId, string name) =>
        InScopeAsync(db => db.CompanyRoles.CountAsync(r => r.CompanyId == companyId && r.Name == name));

    [Fact]
    public async Task A_retried_role_definition_answers_as_the_first_time_and_defines_the_role_once()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var key = Guid.NewGuid().ToString();

        var first = await JsonAsync(mainContact.SendAsync(Define(key, "Einkauf Nord", "PlaceOrders")), HttpStatusCode.Created);
        var retry = await mainContact.SendAsync(Define(key, "Einkauf Nord", "PlaceOrders"));

        var replayed = await JsonAsync(Task.FromResult(retry), HttpStatusCode.Created);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal($"{Roles}/{first.GetProperty("id").GetGuid()}", retry.Headers.Location?.ToString());
        Assert.Equal(first.GetRawText(), replayed.GetRawText());
        Assert.Equal(1, await RolesNamedAsync(await CompanyIdAsync(CompanyA), "Einkauf Nord"));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var key = Guid.NewGuid().ToString();
        await JsonAsync(mainContact.SendAsync(Define(key, "Einkauf Süd", "PlaceOrders")), HttpStatusCode.Created);

        await ProblemOf(await mainContact.SendAsync(Define(key, "Einkauf Süd", "PlaceOrders", "ViewReports")), HttpStatusCode.UnprocessableEntity);

        Assert.Equal(1, await RolesNamedAsync(await CompanyIdAsync(CompanyA), "Einkauf Süd"));
    }

    [Fact]
    public async Task A_duplicate_while_the_first_request_is_in_progress_is_refused_with_409_and_may_be_retried_afterwards()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var key = Guid.NewGuid().ToString();
        var inProgress = (await CompanyIdAsync(CompanyA), await UserIdAsync(UserOf(CompanyA, PredefinedRole.Administrator)), $"POST {Roles}", key);
        var inFlight = Factory.Services.GetRequiredService<IdempotencyKeysInFlight>();
        Assert.True(inFlight.TryEnter(inProgress));

        try
        {
            await ProblemOf(await mainContact.SendAsync(Define(key, "Einkauf West", "PlaceOrders")), HttpStatusCode.Conflict);
            Assert.Equal(0, await RolesNamedAsync(await CompanyIdAsync(CompanyA), "Einkauf West"));
        }
        finally
        {
            inFlight.Leave(inProgress);
        }

        await JsonAsync(mainContact.SendAsync(Define(key, "Einkauf West", "PlaceOrders")), HttpStatusCode.Created);
    }

    [Fact]
    public async Task Concurrent_duplicates_define_one_role_and_every_answer_is_that_role_or_409()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            var response = await mainContact.SendAsync(Define(key, "Einkauf Ost", "PlaceOrders"));
            return (response.StatusCode, Id: response.StatusCode == HttpStatusCode.Created ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid() : Guid.Empty);
        }));

        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Single(answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Id).Distinct());
        Assert.Equal(1, await RolesNamedAsync(await CompanyIdAsync(CompanyA), "Einkauf Ost"));
    }

    [Fact]
    public async Task A_refused_request_leaves_its_key_unused_because_the_key_is_kept_only_with_the_change()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var key = Guid.NewGuid().ToString();

        await ProblemOf(await mainContact.SendAsync(Define(key, "Buyer", "PlaceOrders")), HttpStatusCode.BadRequest);

        await JsonAsync(mainContact.SendAsync(Define(key, "Einkauf Mitte", "PlaceOrders")), HttpStatusCode.Created);
        Assert.False(await InScopeAsync(db => db.IdempotencyRecords.AnyAsync(r => r.Key == key && r.StatusCode != 201)));
    }

    [Fact]
    public async Task The_contract_offers_the_key_header_on_the_posts_that_take_it_and_not_elsewhere()
    {
        var paths = (await Anonymous().GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");
        bool TakesKey(string path, string method) =>
            paths.GetProperty(path).GetProperty(method).TryGetProperty("parameters", out var parameters)
            && parameters.EnumerateArray().Any(p => p.GetProperty("name").GetString() == IdempotentRequests.Header && p.GetProperty("in").GetString() == "header");

        Assert.True(TakesKey("/api/v1/orders", "post"));
        Assert.True(TakesKey("/api/v1/company/roles", "post"));
        Assert.True(TakesKey("/api/v1/company/users", "post"));
        Assert.False(TakesKey("/api/v1/orders/{orderId}/cancel", "post"));
    }

    [Fact]
    public async Task A_user_is_created_once_however_often_the_request_is_retried()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var key = Guid.NewGuid().ToString();
        var body = new { displayName = "Ida Idem", email = "ida.idem@mueller-maschinenbau.example", language = "de", roleIds = new[] { await RoleIdAsync(mainContact, PredefinedRole.Buyer) } };

        HttpRequestMessage Create()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/company/users") { Content = JsonContent.Create(body) };
            request.Headers.Add(IdempotentRequests.Header, key);
            return request;
        }

        var first = await JsonAsync(mainContact.SendAsync(Create()), HttpStatusCode.Created);
        var again = await JsonAsync(mainContact.SendAsync(Create()), HttpStatusCode.Created);

        Assert.Equal(first.GetProperty("id").GetGuid(), again.GetProperty("id").GetGuid());
        Assert.Equal(1, await InScopeAsync(db => db.Users.CountAsync(u => u.Email == "ida.idem@mueller-maschinenbau.example")));
    }
}

public sealed class IdempotencyOnSqlite(SqliteFactory f) : IdempotencySpec(f), IClassFixture<SqliteFactory>;

public sealed class IdempotencyOnPostgres(PostgresFactory f) : IdempotencySpec(f), IClassFixture<PostgresFactory>;
