using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Uhrwerk.Tests.Platform;

/// <summary>The OpenAPI document is a contract an integrator generates a client from, so every operation must say what it answers and who may call it.</summary>
public abstract class OpenApiContractSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    // Everything else needs a bearer token or an API key; these are reached before anyone has either.
    private static readonly HashSet<string> AnonymousOperations =
    [
        "POST /api/v1/auth/token",
        "POST /api/v1/activation",
        "POST /api/v1/account/password",
        "POST /api/v1/account/email-confirmation",
        "POST /api/v1/account/email-change-report",
        // Carriers authenticate by the Standard Webhooks signature over the body, not by a scheme OpenAPI describes.
        "POST /api/v1/tracking/webhooks/{carrier}",
        // A survey opens with the token of its link, without signing in.
        "GET /api/v1/feedback/surveys/{token}",
        "POST /api/v1/feedback/surveys/{token}",
    ];

    private static readonly string[] Modules = ["Accounts", "Catalog", "Contracts", "Feedback", "Fulfillment", "Inventory", "Notifications", "Ordering", "Platform", "Tracking"];

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await Anonymous().GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<(string Name, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select ($"{method.Name.ToUpperInvariant()} {path.Name}", method.Value);

    [Fact]
    public async Task Every_operation_answers_success_with_a_schema_and_problems_as_problem_details()
    {
        var document = await DocumentAsync();

        var lacking = new List<string>();
        foreach (var (name, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            var successes = responses.Where(r => r.Name.StartsWith('2')).ToList();
            if (successes.Count == 0)
            {
                lacking.Add($"{name}: no success answer");
            }

            // 201, 202 and 204 may come without a body; a 200 without a schema is what the generator guesses for an undescribed result.
            foreach (var success in successes.Where(r => r.Name == "200" && !HasSchema(r.Value)))
            {
                lacking.Add($"{name}: {success.Name} without a schema");
            }

            foreach (var problem in responses.Where(r => r.Name[0] is '4' or '5' && !HasSchema(r.Value, "application/problem+json")))
            {
                lacking.Add($"{name}: {problem.Name} is not problem details");
            }
        }

        Assert.True(lacking.Count == 0, string.Join(Environment.NewLine, lacking));
    }

    [Fact]
    public async Task Every_operation_names_how_to_authenticate_unless_it_is_listed_as_anonymous()
    {
        var document = await DocumentAsync();
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("http", schemes.GetProperty("Bearer").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("ApiKey").GetProperty("type").GetString());
        Assert.Equal("header", schemes.GetProperty("ApiKey").GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());

        var operations = Operations(document).ToList();
        var unsecured = operations.Where(o => !AnonymousOperations.Contains(o.Name) && !HasSecurity(o.Operation)).Select(o => o.Name).ToList();
        var securedAnonymous = operations.Where(o => AnonymousOperations.Contains(o.Name) && HasSecurity(o.Operation)).Select(o => o.Name).ToList();

        Assert.True(unsecured.Count == 0, "Without a security requirement: " + string.Join(", ", unsecured));
        Assert.True(securedAnonymous.Count == 0, "Anonymous but with a security requirement: " + string.Join(", ", securedAnonymous));
        Assert.Empty(AnonymousOperations.Except(operations.Select(o => o.Name)));
    }

    [Fact]
    public async Task Numbers_are_numbers_and_every_operation_has_one_module_tag()
    {
        var document = await DocumentAsync();

        var unions = new List<string>();
        FindNumberUnions(document, "#", unions);
        Assert.True(unions.Count == 0, "Integer-or-string unions: " + string.Join(", ", unions));

        var untagged = Operations(document)
            .Where(o => !o.Operation.TryGetProperty("tags", out var tags) || tags.GetArrayLength() != 1 || !Modules.Contains(tags[0].GetString()))
            .Select(o => o.Name).ToList();
        Assert.True(untagged.Count == 0, "Without exactly one module tag: " + string.Join(", ", untagged));
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem()
    {
        var response = await Anonymous().GetAsync("/api/v1/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task The_token_answer_issues_no_refresh_token_that_nothing_could_redeem()
    {
        var response = await Anonymous().PostAsJsonAsync("/api/v1/auth/token", new { email = UserOf(CompanyA, Server.Modules.Accounts.Domain.PredefinedRole.Buyer), password = Server.Modules.Accounts.DemoData.DemoLogins.Password });

        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));
        Assert.False(token.TryGetProperty("refreshToken", out _));
    }

    private static bool HasSchema(JsonElement response, string? mediaType = null) =>
        response.TryGetProperty("content", out var content)
        && content.EnumerateObject().Any(c => (mediaType is null || c.Name == mediaType) && c.Value.TryGetProperty("schema", out _));

    private static bool HasSecurity(JsonElement operation) =>
        operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0 && security.EnumerateArray().All(r => r.EnumerateObject().Any());

    private static void FindNumberUnions(JsonElement node, string where, List<string> found)
    {
        switch (node.ValueKind)
        {
            case JsonValueKind.Object:
                if (node.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Array)
                {
                    var types = type.EnumerateArray().Select(t => t.GetString()).ToList();
                    if (types.Contains("string") && (types.Contains("integer") || types.Contains("number")))
                    {
                        found.Add(where);
                    }
                }

                if (node.TryGetProperty("pattern", out var pattern) && pattern.GetString()?.Contains("[0-9]") == true && node.TryGetProperty("format", out _))
                {
                    found.Add(where);
                }

                foreach (var property in node.EnumerateObject())
                {
                    FindNumberUnions(property.Value, $"{where}/{property.Name}", found);
                }

                break;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in node.EnumerateArray())
                {
                    FindNumberUnions(item, $"{where}/{i++}", found);
                }

                break;
        }
    }
}

public sealed class OpenApiContractOnSqlite(SqliteFactory f) : OpenApiContractSpec(f), IClassFixture<SqliteFactory>;

public sealed class OpenApiContractOnPostgres(PostgresFactory f) : OpenApiContractSpec(f), IClassFixture<PostgresFactory>;
