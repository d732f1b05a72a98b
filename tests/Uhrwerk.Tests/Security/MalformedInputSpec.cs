using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Uhrwerk.Server.Modules.Accounts.Domain;
using Uhrwerk.Server.Platform.Auth;

namespace Uhrwerk.Tests.Security;

/// <summary>
/// Whatever a client sends, the server answers with a 4xx problem or a page, never a server error. The routes,
/// their query parameters and their request bodies are read from the server itself (minimal API handlers,
/// Blazor pages' [SupplyParameterFromQuery] properties), so a new endpoint is walked without being listed here.
/// </summary>
public abstract class MalformedInputSpec(UhrwerkFactory factory) : IntegrationTest(factory)
{
    /// <summary>Wrong types, empty, far dates, huge numbers, long strings, control characters, foreign redirect targets.</summary>
    private static readonly string[] MalformedValues =
    [
        "abc", "", " ", "9999-12-31", "0001-01-01", "2101-01-01", "2147483647", "2147483648", "-1", "-2147483649", "99999999999999999999", "1e400",
        new string('x', 10_000), "\u0000\u202E\u0007", "%", "../../etc/passwd", "null", "true", "//evil.example", "/\\evil.example", "http://evil.example/",
        // A list cursor that looks sealed (the data protection header) but was never issued.
        "CfDJ8" + new string('A', 123),
    ];

    /// <summary>What replaces one field of a request body, as raw JSON (null: the field is left out).</summary>
    private static readonly string?[] MalformedJsonValues =
    [
        null, "null", "\"abc\"", "\"\"", JsonSerializer.Serialize(new string('x', 10_000)), "\"\\u0000\\u202E\"", "\"9999-12-31\"", "\"0001-01-01\"", "\"2101-01-01\"",
        "2147483648", "-1", "99999999999999999999", "1.5", "true", "[]", "{}", "[null]",
    ];

    private static readonly string[] MalformedBodies = ["", "{", "[]", "null", "\"abc\"", "{\"a\":", "[{}]", "{\"\u0000\":1}"];

    private sealed record Caller(string Who, HttpClient Client);

    private sealed record QueryParameter(string Name, Type Type);

    private sealed record Route(RouteEndpoint Endpoint, string Method, IReadOnlyList<string> RouteParameters, IReadOnlyList<QueryParameter> QueryParameters)
    {
        public string Pattern => "/" + Endpoint.RoutePattern.RawText!.Trim('/');

        public bool IsApi => Pattern.StartsWith("/api/", StringComparison.Ordinal);

        public bool IsPage => Endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null;

        public override string ToString() => $"{Method} {Pattern}";
    }

    private static IReadOnlyList<Route> RoutesOf(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null && e.Metadata.GetMetadata<StaticAssetDescriptor>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Where(m => m != "POST" || e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)
                .Select(m => new Route(e, m, e.RoutePattern.Parameters.Select(p => p.Name).ToList(), QueryParametersOf(e))))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();

    private static IReadOnlyList<QueryParameter> QueryParametersOf(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
        {
            return page.Type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .Select(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is { } query ? new QueryParameter(query.Name ?? p.Name, p.PropertyType) : null)
                .OfType<QueryParameter>().ToList();
        }

        var routeNames = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (endpoint.Metadata.GetMetadata<MethodInfo>()?.GetParameters() ?? [])
            .Where(p => p.Name is not null && !routeNames.Contains(p.Name) && BindsFromQuery(p))
            .Select(p => new QueryParameter(p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!, p.ParameterType))
            .ToList();
    }

    // A value each query parameter accepts, so that one malformed parameter is judged next to valid others.
    private static string ValidValue(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        var today = DateTime.UtcNow;
        return target switch
        {
            _ when target == typeof(DateOnly) || target == typeof(DateTime) || target == typeof(DateTimeOffset) => today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            _ when target == typeof(bool) => "true",
            _ when target == typeof(Guid) => Guid.Empty.ToString(),
            _ when target.IsEnum => Enum.GetNames(target)[0],
            _ when target.IsPrimitive || target == typeof(decimal) => "1",
            _ => "probe",
        };
    }

    // Minimal APIs bind simple types (those with TryParse) from the query unless told otherwise.
    private static bool BindsFromQuery(ParameterInfo parameter)
    {
        if (parameter.GetCustomAttributes().Any(a => a is IFromServiceMetadata or IFromBodyMetadata or IFromHeaderMetadata or IFromFormMetadata or IFromRouteMetadata))
        {
            return false;
        }

        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        type = type.IsArray ? type.GetElementType()! : type;
        return type == typeof(string) || type.IsEnum || type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), type.MakeByRefType()]) is not null
            || type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]) is not null;
    }

    /// <summary>Route values that name real things, so that a malformed value elsewhere reaches the handler's own checks.</summary>
    private async Task<Dictionary<string, string>> RealValuesAsync()
    {
        var mainContact = await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator));
        var buyer = await SignInAsync(UserOf(CompanyA, PredefinedRole.Buyer));
        var sku = await InScopeAsync(db => db.Products.Where(p => p.IsActive).OrderBy(p => p.Sku).Select(p => p.Sku).FirstAsync());
        var target = await mainContact.PostAsJsonAsync("/api/v1/company/users", new { displayName = "Walk Target", email = $"walk-{Guid.NewGuid():N}@{CompanyA.Domain}" });
        var role = await mainContact.PostAsJsonAsync("/api/v1/company/roles", new { name = "Walk " + Guid.NewGuid().ToString("N")[..6], permissions = new[] { "ViewCatalog" } });
        var order = await buyer.PostAsJsonAsync("/api/v1/orders", new { addressIndex = 0, lines = new[] { new { sku, quantity = 1 } } });
        var list = await buyer.PostAsJsonAsync("/api/v1/order-lists", new { name = "Walk " + Guid.NewGuid().ToString("N")[..8], lines = new[] { new { sku, quantity = 1 } } });
        var contract = await Contracts.ContractSamples.CreateAsync(await SignInAsync("admin@uhrwerk.example"), CompanyA.CustomerNumber, sku, DateOnly.FromDateTime(Factory.Clock.GetUtcNow().UtcDateTime));
        async Task<string> IdOf(HttpResponseMessage response) => (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var (companyId, buyerId) = (await CompanyIdAsync(CompanyA), await UserIdAsync(UserOf(CompanyA, PredefinedRole.Buyer)));
        var survey = await InScopeAsync(async db =>
        {
            var now = Factory.Clock.GetUtcNow();
            var invitation = Server.Modules.Feedback.Domain.SurveyInvitation.ForDelivery(companyId, buyerId,
                new Server.Modules.Feedback.Domain.DeliveryFacts(Guid.NewGuid(), "UW-WALK", Guid.NewGuid(), "DHL", null, true), now, TimeSpan.FromDays(30), now);
            db.SurveyInvitations.Add(invitation);
            await db.SaveChangesAsync();
            return invitation.Token;
        });
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["token"] = survey,
            ["contractId"] = contract.GetProperty("id").GetString()!,
            ["userId"] = await IdOf(target),
            ["roleId"] = await IdOf(role),
            ["orderId"] = await IdOf(order),
            ["listId"] = await IdOf(list),
            ["contactId"] = (await InScopeAsync(db => db.ErpContacts.Where(c => c.CustomerNumber == CompanyA.CustomerNumber).Select(c => c.Id).FirstAsync())).ToString(),
            ["sku"] = sku,
            ["code"] = await InScopeAsync(db => db.Warehouses.OrderBy(w => w.Code).Select(w => w.Code).FirstAsync()),
            ["customerNumber"] = CompanyA.CustomerNumber,
            ["invoiceNumber"] = "RE-99999",
            ["situation"] = "shipment.delayed",
            ["language"] = "en",
            ["part"] = "Text",
            ["name"] = "erp-customers",
            ["culture"] = "en",
            ["documentName"] = "v1",
        };
    }

    // A route parameter nobody named above gets a harmless value, so a new route is walked all the same.
    private static string RealValue(IReadOnlyDictionary<string, string> real, string parameter) =>
        real.TryGetValue(parameter, out var value) ? value : parameter.EndsWith("Id", StringComparison.OrdinalIgnoreCase) ? Guid.Empty.ToString() : "probe";

    private async Task<(Caller Anonymous, Caller Customer, Caller Staff, Caller Machine)> ApiCallersAsync()
    {
        var staff = await SignInAsync("admin@uhrwerk.example");
        var scopes = typeof(ApiScopes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToArray();
        var issued = await staff.PostAsJsonAsync("/api/v1/backoffice/api-keys", new { name = "walker", scopes });
        Assert.True(issued.StatusCode == HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var machine = Visitor("203.0.113.8");
        machine.DefaultRequestHeaders.Add("X-Api-Key", (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString());
        return (new("anonymous", Visitor("203.0.113.7")), new("main contact", await SignInAsync(UserOf(CompanyA, PredefinedRole.Administrator))), new("staff admin", staff), new("API key", machine));
    }

    /// <summary>Those who get past authorisation to the handler, so that the handler's own reading of the input is tried.</summary>
    private static IReadOnlyList<Caller> EntitledTo(Route route, (Caller Anonymous, Caller Customer, Caller Staff, Caller Machine) callers)
    {
        var metadata = route.Endpoint.Metadata;
        if (metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return [callers.Anonymous];
        }

        if (metadata.GetMetadata<RequiresApiScope>() is not null)
        {
            return [callers.Machine];
        }

        if (metadata.GetMetadata<RequiresPermission>()?.AnyOf is { } permissions)
        {
            return permissions.Any(p => (int)p < 100) && permissions.Any(p => (int)p >= 100) ? [callers.Customer, callers.Staff]
                : permissions.Any(p => (int)p < 100) ? [callers.Customer] : [callers.Staff];
        }

        return [callers.Customer, callers.Staff];
    }

    private static string PathOf(Route route, IReadOnlyDictionary<string, string> real, string? parameter = null, string? value = null)
    {
        var path = route.Endpoint.RoutePattern.RawText!;
        foreach (var name in route.RouteParameters)
        {
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{\\*?" + name + "(:[^}]+)?\\}", Uri.EscapeDataString(name == parameter ? value! : RealValue(real, name)).Replace("$", "$$", StringComparison.Ordinal));
        }

        return "/" + path.TrimStart('/');
    }

    private static string QueryOf(IEnumerable<QueryParameter> parameters, Func<QueryParameter, string> value) =>
        "?" + string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Name)}={Uri.EscapeDataString(value(p))}"));

    /// <summary>The URLs to try on a route: each route and query parameter malformed in turn, and all query parameters at once.</summary>
    private static IEnumerable<string> MalformedUrls(Route route, IReadOnlyDictionary<string, string> real)
    {
        foreach (var value in MalformedValues)
        {
            foreach (var parameter in route.RouteParameters)
            {
                // The host, like Kestrel, refuses a NUL in the path before any application code runs.
                yield return PathOf(route, real, parameter, value.Replace('\0', '\u0001'));
            }

            foreach (var parameter in route.QueryParameters)
            {
                yield return PathOf(route, real) + QueryOf(route.QueryParameters, p => p == parameter ? value : ValidValue(p.Type));
            }

            if (route.QueryParameters.Count > 1)
            {
                yield return PathOf(route, real) + QueryOf(route.QueryParameters, _ => value);
            }
        }
    }

    /// <summary>The sample body of an API route with each field (also those the sample leaves out, read from the request type) replaced in turn, and bodies that are no JSON object.</summary>
    private static IEnumerable<(string What, HttpContent Content)> MalformedBodiesOf(Route route, ApiEndpoint? sample, IReadOnlyDictionary<string, string> real)
    {
        if (sample is null || !sample.AcceptsBody || sample.IsUpload)
        {
            yield break;
        }

        if (SampleContent(sample, real) is not JsonContent sampleContent || JsonSerializer.SerializeToNode(sampleContent.Value, sampleContent.ObjectType, JsonSerializerOptions.Web) is not { } baseline)
        {
            yield break;
        }

        foreach (var body in MalformedBodies)
        {
            yield return ($"body {body}", new StringContent(body, Encoding.UTF8, "application/json"));
        }

        var requestType = route.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        foreach (var path in FieldPaths(baseline, requestType).Distinct())
        {
            foreach (var json in MalformedJsonValues)
            {
                var body = baseline.DeepClone();
                Replace(body, path, json);
                yield return ($"{string.Join('.', path)} = {Shorten(json ?? "(missing)")}", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
            }
        }
    }

    // A body route without a sample in ApiEndpoint is walked from an empty object and its request type's fields.
    private static HttpContent? SampleContent(ApiEndpoint? sample, IReadOnlyDictionary<string, string> real)
    {
        try
        {
            return sample?.Request(real).Content;
        }
        catch (InvalidOperationException) when (sample is { AcceptsBody: true })
        {
            return JsonContent.Create(new { });
        }
    }

    private static IEnumerable<string[]> FieldPaths(JsonNode? node, Type? type)
    {
        var names = new HashSet<string>();
        if (node is JsonObject obj)
        {
            foreach (var (name, child) in obj)
            {
                names.Add(name);
                yield return [name];
                foreach (var inner in FieldPaths(child, ElementOrSelf(type?.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType)))
                {
                    yield return [name, .. inner];
                }
            }
        }
        else if (node is JsonArray { Count: > 0 } array)
        {
            foreach (var inner in FieldPaths(array[0], type))
            {
                yield return ["0", .. inner];
            }

            yield break;
        }

        if (node is JsonObject && type is not null && type != typeof(string))
        {
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (!names.Contains(name))
                {
                    yield return [name];
                }
            }
        }
    }

    private static Type? ElementOrSelf(Type? type) =>
        type is null || type == typeof(string) ? type
        : type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0] ?? type;

    private static void Replace(JsonNode body, string[] path, string? json)
    {
        var parent = path[..^1].Aggregate(body, (node, step) => node is JsonArray array ? array[int.Parse(step, System.Globalization.CultureInfo.InvariantCulture)]! : node[step]!);
        var last = path[^1];
        if (parent is JsonArray list)
        {
            list[int.Parse(last, System.Globalization.CultureInfo.InvariantCulture)] = json is null ? null : JsonNode.Parse(json);
        }
        else if (json is null)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = JsonNode.Parse(json);
        }
    }

    private static string Shorten(string text) => text.Length > 60 ? text[..30] + $"…({text.Length} chars)" : text;

    /// <summary>The exceptions the server logs, so that each offender is listed with its cause.</summary>
    private sealed class ServerErrors : ILoggerProvider, ILogger
    {
        private readonly ConcurrentQueue<string> _errors = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (exception is not null && IsEnabled(logLevel))
            {
                var at = exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("Uhrwerk.Server", StringComparison.Ordinal))?.Trim();
                _errors.Enqueue($"{exception.GetType().Name}: {Shorten(exception.Message)} {at}");
            }
        }

        public string Drain()
        {
            var seen = new List<string>();
            while (_errors.TryDequeue(out var error))
            {
                seen.Add(error);
            }

            return string.Join(" | ", seen.Distinct());
        }

        public void Dispose()
        {
        }
    }

    private ServerErrors? _serverErrors;

    private ServerErrors LoggedErrors()
    {
        if (_serverErrors is null)
        {
            _serverErrors = new ServerErrors();
            Factory.Services.GetRequiredService<ILoggerFactory>().AddProvider(_serverErrors);
        }

        return _serverErrors;
    }

    private async Task<string?> ServerErrorAsync(Caller caller, HttpRequestMessage request, string what)
    {
        LoggedErrors().Drain();
        var response = await caller.Client.SendAsync(request);
        if ((int)response.StatusCode < 500)
        {
            return null;
        }

        var url = request.RequestUri!.OriginalString;
        return $"{caller.Who}: {request.Method} {(url.Length > 200 ? url[..100] + $"…({url.Length} chars)" : url)} {what} → {(int)response.StatusCode} {LoggedErrors().Drain()}";
    }

    [Fact]
    public async Task No_malformed_route_query_or_body_value_on_any_API_or_endpoint_outside_the_portal_gives_a_server_error()
    {
        var routes = RoutesOf(Factory.Services).Where(r => !r.IsPage).ToList();
        Assert.Contains(routes, r => r.ToString() == "GET /api/v1/orders" && r.QueryParameters.Any(q => q.Name == "to"));
        Assert.Contains(routes, r => r.ToString() == "GET /culture/{culture}" && r.QueryParameters.Any(q => q.Name == "returnUrl"));
        var samples = ApiEndpoint.All(Factory.Services).ToDictionary(e => e.Key);
        var real = await RealValuesAsync();
        foreach (var parameter in routes.SelectMany(r => r.RouteParameters))
        {
            real.TryAdd(parameter, RealValue(real, parameter));
        }

        var callers = await ApiCallersAsync();

        var offenders = new List<string>();
        var answered = 0;
        foreach (var route in routes)
        {
            var sample = samples.GetValueOrDefault($"{route.Method} {System.Text.RegularExpressions.Regex.Replace(route.Pattern, ":[a-z]+}", "}")}");
            foreach (var caller in EntitledTo(route, callers).Append(callers.Anonymous).Distinct())
            {
                foreach (var url in MalformedUrls(route, real))
                {
                    var request = new HttpRequestMessage(new HttpMethod(route.Method), url) { Content = SampleContent(sample, real) };
                    offenders.AddRange(await ServerErrorAsync(caller, request, "") is { } offence ? [offence] : []);
                    answered++;
                }
            }

            foreach (var caller in EntitledTo(route, callers))
            {
                foreach (var (what, content) in MalformedBodiesOf(route, sample, real))
                {
                    offenders.AddRange(await ServerErrorAsync(caller, new HttpRequestMessage(new HttpMethod(route.Method), PathOf(route, real)) { Content = content }, what) is { } offence ? [offence] : []);
                    answered++;
                }
            }
        }

        Assert.True(offenders.Count == 0, $"{offenders.Count} of {answered} malformed requests gave a server error:\n{string.Join('\n', offenders.Distinct().Take(200))}");
        // The walk only proves something while its callers stay signed in.
        Assert.Equal(HttpStatusCode.OK, (await callers.Customer.Client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await callers.Staff.Client.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task No_malformed_route_or_query_value_on_any_portal_page_gives_a_server_error()
    {
        var pages = RoutesOf(Factory.Services).Where(r => r.IsPage).ToList();
        Assert.Contains(pages, p => p.Pattern == "/orders" && p.QueryParameters.Any(q => q.Name == "From"));
        Assert.Contains(pages, p => p.Pattern == "/set-password" && p.QueryParameters.Any(q => q.Name == "user"));
        var real = await RealValuesAsync();
        Caller[] callers =
        [
            new("anonymous", Visitor("203.0.113.9")),
            new("main contact", await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator))),
            new("staff admin", await SignInWithCookieAsync("admin@uhrwerk.example")),
        ];

        var offenders = new List<string>();
        var answered = 0;
        foreach (var page in pages)
        {
            foreach (var caller in callers)
            {
                foreach (var url in MalformedUrls(page, real).Prepend(PathOf(page, real)))
                {
                    offenders.AddRange(await ServerErrorAsync(caller, new HttpRequestMessage(HttpMethod.Get, url), "") is { } offence ? [offence] : []);
                    answered++;
                }
            }
        }

        Assert.True(offenders.Count == 0, $"{offenders.Count} of {answered} malformed page requests gave a server error:\n{string.Join('\n', offenders.Distinct().Take(200))}");
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("http://evil.example/")]
    [InlineData("/\u0001evil")]
    public async Task Switching_the_language_never_follows_a_return_address_off_the_site(string returnUrl)
    {
        var response = await Anonymous().GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/catalog?page=abc")]
    [InlineData("/orders?from=abc&to=9999-12-31")]
    [InlineData("/set-password?user=abc&token=x")]
    [InlineData("/confirm-email?user=abc&email=a%40b.example&token=x")]
    public async Task A_portal_page_with_a_query_value_it_cannot_read_is_shown_without_it(string url)
    {
        var client = await SignInWithCookieAsync(UserOf(CompanyA, PredefinedRole.Administrator));

        var response = await client.GetAsync(url);

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
        Assert.Contains("<h1", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class MalformedInputOnSqlite(SqliteFactory f) : MalformedInputSpec(f), IClassFixture<SqliteFactory>;

public sealed class MalformedInputOnPostgres(PostgresFactory f) : MalformedInputSpec(f), IClassFixture<PostgresFactory>;
