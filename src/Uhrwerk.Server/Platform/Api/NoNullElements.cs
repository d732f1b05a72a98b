using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Uhrwerk.Server.Platform.Api;

/// <summary>
/// Refuses request bodies whose lists hold null where the type says they cannot (<c>"lines": [null]</c>).
/// The JSON reader lets such an element through, and every handler would have to expect a null line; this
/// way the client gets a 400 for each of them, on every endpoint.
/// </summary>
internal static class NoNullElements
{
    public static void Refuse(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        var lists = type.Properties.Where(p => p.Get is not null && p.AttributeProvider is PropertyInfo property && ElementsNotNull(property)).ToList();
        if (lists.Count == 0)
        {
            return;
        }

        var before = type.OnDeserialized;
        type.OnDeserialized = value =>
        {
            foreach (var list in lists)
            {
                if (list.Get!(value) is IEnumerable items && items.Cast<object?>().Any(item => item is null))
                {
                    throw new JsonException($"The list '{list.Name}' must not contain null.");
                }
            }

            before?.Invoke(value);
        };
    }

    private static bool ElementsNotNull(PropertyInfo property)
    {
        if (property.PropertyType == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
        {
            return false;
        }

        var nullability = new NullabilityInfoContext().Create(property);
        var element = nullability.ElementType ?? (nullability.GenericTypeArguments is [var only] ? only : null);
        return element is { ReadState: NullabilityState.NotNull } && !element.Type.IsValueType;
    }
}
