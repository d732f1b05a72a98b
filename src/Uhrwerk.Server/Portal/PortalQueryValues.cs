using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.Extensions.Primitives;
using Uhrwerk.Server.Platform.Api;

namespace Uhrwerk.Server.Portal;

/// <summary>
/// Drops query values a portal page could not parse (`?page=abc`, `?from=abc`, `?user=abc`) or store (a NUL character) before the page
/// renders. Blazor throws on them, so a mistyped or tampered link would be a server error; without the value
/// the page shows what it shows without the parameter. Read from the components themselves, so every
/// page and every future query parameter is covered.
/// </summary>
internal sealed class PortalQueryValues(RequestDelegate next)
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, Type>> ParametersByPage = new();

    private static readonly Lazy<IReadOnlyList<PropertyInfo>> SharedComponentParameters = new(() =>
        typeof(PortalQueryValues).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && !t.IsDefined(typeof(RouteAttribute), inherit: false))
            .SelectMany(QueryProperties).ToList());

    public Task InvokeAsync(HttpContext http)
    {
        if (http.Request.QueryString.HasValue && http.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is { } page)
        {
            var parameters = ParametersByPage.GetOrAdd(page.Type, ParametersOf);
            var query = http.Request.Query;
            if (query.Any(q => parameters.TryGetValue(q.Key, out var type) && !q.Value.All(v => Parses(v, type))))
            {
                http.Request.QueryString = QueryString.Create(query
                    .Select(q => KeyValuePair.Create(q.Key, parameters.TryGetValue(q.Key, out var type) ? new StringValues(q.Value.Where(v => Parses(v, type)).ToArray()) : q.Value))
                    .Where(q => q.Value.Count > 0));
            }
        }

        return next(http);
    }

    private static IReadOnlyDictionary<string, Type> ParametersOf(Type page)
    {
        var parameters = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in SharedComponentParameters.Value.Concat(QueryProperties(page)))
        {
            parameters[property.GetCustomAttribute<SupplyParameterFromQueryAttribute>()!.Name ?? property.Name] = property.PropertyType;
        }

        return parameters;
    }

    private static IEnumerable<PropertyInfo> QueryProperties(Type component) =>
        component.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.GetCustomAttribute<SupplyParameterFromQueryAttribute>() is not null);

    // The parsing rules Blazor applies to query values (invariant culture); an empty value means no value.
    private static bool Parses(string? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        if (target == typeof(string))
        {
            return !NoNulCharacters.In(value);
        }

        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var invariant = CultureInfo.InvariantCulture;
        return target switch
        {
            _ when target == typeof(int) => int.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when target == typeof(long) => long.TryParse(value, NumberStyles.Integer, invariant, out _),
            _ when target == typeof(decimal) => decimal.TryParse(value, NumberStyles.Number, invariant, out _),
            _ when target == typeof(double) => double.TryParse(value, NumberStyles.Number, invariant, out _),
            _ when target == typeof(float) => float.TryParse(value, NumberStyles.Number, invariant, out _),
            _ when target == typeof(bool) => bool.TryParse(value, out _),
            _ when target == typeof(Guid) => Guid.TryParse(value, invariant, out _),
            _ when target == typeof(DateOnly) => DateOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ when target == typeof(TimeOnly) => TimeOnly.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ when target == typeof(DateTime) => DateTime.TryParse(value, invariant, DateTimeStyles.None, out _),
            _ => false,
        };
    }
}
